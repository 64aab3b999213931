package org.socketlab.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.socketlab.bench.load.LoadGenerator;
import org.socketlab.bench.load.LoadResult;
import org.socketlab.bench.load.LoadScenario;
import org.socketlab.bench.load.MemoryProbe;
import org.socketlab.bench.load.ServerProcess;

/**
 * The end-to-end part: every server in its own JVM, driven by the same load generator in the
 * same run; then memory per idle connection. A console progress bar follows the load runs.
 */
public final class LoadSuite {

    /**
     * The servers compared, in the order they run ({@code socketlab-platform} is our server with
     * {@code connectionThreads(PLATFORM)}, {@code socketlab-loop} with {@code connectionThreads(EVENT_LOOP)}); {@code -Dbench.servers=a,b} (a system property of
     * the suite's JVM, e.g. through {@code -Dbench.jvm=...}) picks others, such as {@code core-virtual}.
     */
    public static final List<String> SERVERS = List.of(System.getProperty("bench.servers",
            "socketlab,socketlab-platform,socketlab-loop,netty,java-websocket").split(","));
    /**
     * Memory probe subjects: our server as shipped (virtual threads) and on platform threads, our
     * core alone on virtual and on platform threads, the peers; {@code -Dbench.memory=a,b} picks others.
     */
    public static final List<String> MEMORY_SUBJECTS = List.of(System.getProperty("bench.memory",
            "socketlab,socketlab-platform,socketlab-loop,core-virtual,core-platform,netty,java-websocket").split(","));

    private LoadSuite() {
    }

    public static List<LoadScenario> scenarios(SuiteProfile profile) {
        List<LoadScenario> scenarios = new ArrayList<>();
        for (String server : SERVERS) {
            for (int connections : profile.loadConnections()) {
                for (int bytes : profile.loadMessageBytes()) {
                    scenarios.add(new LoadScenario(server, connections, 0, bytes, profile.loadWarmup(), profile.loadMeasure()));
                }
            }
            if (profile.idleConnections() > 0) {
                int active = profile.idleActiveConnections();
                scenarios.add(new LoadScenario(server, active, profile.idleConnections() - active,
                        profile.loadMessageBytes().get(0), profile.loadWarmup(), profile.loadMeasure()));
            }
        }
        return scenarios;
    }

    /** Runs every scenario; one server process per server, reused across its scenarios. */
    public static List<LoadResult> run(List<LoadScenario> scenarios, Consumer<String> log)
            throws IOException, InterruptedException {
        long totalMillis = scenarios.stream().mapToLong(s -> s.warmup().toMillis() + s.measure().toMillis()).sum();
        List<LoadResult> results = new ArrayList<>();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("load").setInitialMax(totalMillis)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" s", 1000).setUpdateIntervalMillis(250).build()) {
            long doneMillis = 0;
            String current = null;
            ServerProcess server = null;
            try {
                for (LoadScenario scenario : scenarios) {
                    if (!scenario.server().equals(current)) {
                        if (server != null) {
                            server.close();
                        }
                        server = ServerProcess.start(scenario.server(), "2g");
                        current = scenario.server();
                        String warmUpFailure = LoadGenerator.warmUp(server.address(), server.path());
                        if (!warmUpFailure.isEmpty()) {
                            log.accept(current + ": warm-up connection failed (" + warmUpFailure + "); measuring anyway");
                        }
                    }
                    bar.setExtraMessage(scenario.label());
                    long base = doneMillis;
                    LoadResult result = LoadGenerator.run(scenario, server.address(), server.path(),
                            elapsed -> bar.stepTo(base + elapsed));
                    doneMillis += scenario.warmup().toMillis() + scenario.measure().toMillis();
                    bar.stepTo(doneMillis);
                    results.add(result);
                }
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }
        for (LoadResult r : results) {
            log.accept(String.format(java.util.Locale.ROOT, "%-42s %,12.0f msg/s  p50 %8.1f µs  p99 %8.1f µs  p99.9 %8.1f µs%s",
                    r.scenario().label(), r.messagesPerSecond(), r.p50Micros(), r.p99Micros(), r.p999Micros(),
                    r.failedConnections() > 0 ? "  (" + r.failedConnections() + " connections failed: " + r.firstFailure() + ")" : ""));
        }
        return results;
    }

    public static List<MemoryProbe.MemoryResult> memory(int connections, Consumer<String> log) throws IOException {
        List<MemoryProbe.MemoryResult> results = new ArrayList<>();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("memory").setInitialMax(MEMORY_SUBJECTS.size())
                .setStyle(ProgressBarStyle.ASCII).build()) {
            for (String subject : MEMORY_SUBJECTS) {
                bar.setExtraMessage(subject + " × " + connections);
                results.add(MemoryProbe.measure(subject, connections));
                bar.step();
            }
        }
        for (MemoryProbe.MemoryResult r : results) {
            log.accept(String.format(java.util.Locale.ROOT, "%-16s %,d idle connections: heap %,8.0f B/conn  RSS %,8.0f B/conn  threads %d",
                    r.server(), r.connections(), r.heapPerConnection(), r.rssPerConnection(), r.threadsAfter()));
        }
        return results;
    }
}
