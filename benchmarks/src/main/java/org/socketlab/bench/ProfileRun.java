package org.socketlab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.socketlab.bench.load.LoadGenerator;
import org.socketlab.bench.load.LoadResult;
import org.socketlab.bench.load.LoadScenario;
import org.socketlab.bench.load.SampleCategory;
import org.socketlab.bench.load.ServerProcess;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Where an echo's time goes: runs the e2e echo load against one server JVM at a time, with a JFR
 * recording in that JVM (CPU-time sampler, JDK 25's {@code jdk.CPUTimeSample}), and measures the
 * server process over a window inside the recorded part of each run: CPU time from
 * {@code /proc/PID/stat}, context switches summed over {@code /proc/PID/task/}, and — where
 * {@code perf} may attach — context switches and syscalls from {@code perf stat -p PID}. Prints,
 * per server × connections, CPU µs, context switches and syscalls per echoed message, the
 * share of CPU samples per {@link SampleCategory} (by top frame) and the hottest methods;
 * writes the same as {@code profile.md} next to the JFR files.
 *
 * <pre>ProfileRun [servers [connections [bytes [measureSeconds [repeats [outDir]]]]]]
 * defaults: socketlab,socketlab-platform,netty 16,256 125 10 2 target/profile
 * (5 s unrecorded warm-up per run; the window is the first measureSeconds - 3 s after it)</pre>
 */
public final class ProfileRun {

    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final List<String> PERF_EVENTS = List.of("context-switches", "cpu-migrations",
            "raw_syscalls:sys_enter", "syscalls:sys_enter_read", "syscalls:sys_enter_write",
            "syscalls:sys_enter_recvfrom", "syscalls:sys_enter_sendto", "syscalls:sys_enter_epoll_wait",
            "syscalls:sys_enter_epoll_pwait", "syscalls:sys_enter_epoll_ctl", "syscalls:sys_enter_poll",
            "syscalls:sys_enter_ppoll", "syscalls:sys_enter_futex",
            "syscalls:sys_enter_sched_yield");
    private static final int TOP_METHODS = 10;

    /** Server process counters at one instant. */
    record Snapshot(Instant at, long nanos, long cpuTicks, long voluntary, long nonvoluntary,
                    Map<String, Long> threadTicks) {
    }

    /** The two ends of a window and perf's counts in between. */
    private record Measured(Snapshot from, Snapshot to, Map<String, Long> perf) {
    }

    /** One measured window of one run. */
    record Window(String server, int connections, int repeat, LoadResult load, Snapshot from, Snapshot to,
                  Map<String, Long> perf) {
        double seconds() {
            return (to.nanos() - from.nanos()) / 1e9;
        }

        double messages() {
            return load.messagesPerSecond() * seconds();
        }
    }

    private ProfileRun() {
    }

    /** The command line (see {@link Cli}): positional, in the order of the class comment. */
    @Command(name = "ProfileRun", mixinStandardHelpOptions = true,
            description = "Where an echo's time goes: e2e load against one server JVM at a time, with JFR.")
    static final class Options implements Cli.Validated {
        @Parameters(index = "0", arity = "0..1", split = ",", paramLabel = "SERVERS",
                description = "(default: socketlab,socketlab-platform,netty)")
        List<String> servers = List.of("socketlab", "socketlab-platform", "netty");
        @Parameters(index = "1", arity = "0..1", split = ",", paramLabel = "CONNECTIONS", description = "(default: 16,256)")
        List<Integer> connections = List.of(16, 256);
        @Parameters(index = "2", arity = "0..1", paramLabel = "BYTES", description = "(default: ${DEFAULT-VALUE})")
        int bytes = 125;
        @Parameters(index = "3", arity = "0..1", paramLabel = "MEASURE_SECONDS", description = "(default: ${DEFAULT-VALUE})")
        long measureSeconds = 10;
        @Parameters(index = "4", arity = "0..1", paramLabel = "REPEATS", description = "(default: ${DEFAULT-VALUE})")
        int repeats = 2;
        @Parameters(index = "5", arity = "0..1", paramLabel = "OUT_DIR", description = "(default: ${DEFAULT-VALUE})")
        Path out = Path.of("target/profile");

        @Override
        public void validate() {
            Cli.requireRange("BYTES", bytes, 1, 16 << 20);
            Cli.requireRange("MEASURE_SECONDS", measureSeconds, 4, 3_600);
            Cli.requireRange("REPEATS", repeats, 1, 100);
            connections.forEach(count -> Cli.requireRange("CONNECTIONS", count, 1, 1_000_000));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        List<String> servers = options.servers;
        List<Integer> connections = options.connections;
        int bytes = options.bytes;
        Duration measure = Duration.ofSeconds(options.measureSeconds);
        int repeats = options.repeats;
        Path out = options.out;
        Files.createDirectories(out);
        long ticksPerSecond = clockTicks();
        StringBuilder report = new StringBuilder();
        for (int repeat = 1; repeat <= repeats; repeat++) {
            for (String server : servers) {
                Path jfr = out.resolve(server + "-r" + repeat + ".jfr").toAbsolutePath();
                List<Window> windows = runServer(server, connections, bytes, measure, repeat, jfr);
                for (Window w : windows) {
                    String text = describe(w, jfr, ticksPerSecond);
                    System.out.println(text);
                    report.append(text).append('\n');
                }
            }
        }
        Files.writeString(out.resolve("profile.md"), report.toString(), StandardCharsets.UTF_8);
        System.out.println("written: " + out.resolve("profile.md").toAbsolutePath());
    }


    private static List<Window> runServer(String server, List<Integer> connections, int bytes, Duration measure,
                                          int repeat, Path jfr) throws IOException, InterruptedException {
        // JFR announces itself on stdout, where ServerProcess expects the "listening on" line first.
        List<String> recording = List.of("-Xlog:jfr+startup=off", "-XX:StartFlightRecording:filename=" + jfr
                + ",settings=default,dumponexit=true,jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=10ms");
        ServerProcess process = ServerProcess.start(server, "2g", recording);
        long pid = process.pid();
        List<Window> windows = new ArrayList<>();
        try {
            LoadGenerator.warmUp(process.address(), process.path());
            for (int c : connections) {
                LoadScenario scenario = new LoadScenario(server, c, 0, bytes, WARMUP, measure);
                // The window starts at the end of the load's warm-up and lasts measure - 3 s, so it lies
                // inside the recorded part of the run despite the progress callback's 100 ms steps and
                // perf's attach time (perf counts for the same length, starting up to ~2 s later).
                long windowSeconds = Math.max(1, measure.toSeconds() - 3);
                CompletableFuture<Measured> measured = new CompletableFuture<>();
                AtomicBoolean started = new AtomicBoolean();
                LoadResult result = LoadGenerator.run(scenario, process.address(), process.path(), elapsed -> {
                    if (elapsed >= WARMUP.toMillis() && started.compareAndSet(false, true)) {
                        Thread.ofPlatform().daemon().name("profile-window").start(() -> {
                            try {
                                Snapshot from = snapshot(pid);
                                CompletableFuture<Map<String, Long>> perf = new CompletableFuture<>();
                                Thread.ofPlatform().daemon().name("profile-perf").start(() -> {
                                    try {
                                        perf.complete(perfStat(pid, windowSeconds));
                                    } catch (InterruptedException e) {
                                        perf.complete(Map.of());
                                    }
                                });
                                long left = from.nanos() + TimeUnit.SECONDS.toNanos(windowSeconds) - System.nanoTime();
                                TimeUnit.NANOSECONDS.sleep(Math.max(0, left));
                                Snapshot to = snapshot(pid);
                                measured.complete(new Measured(from, to, perf.get(windowSeconds + 30, TimeUnit.SECONDS)));
                            } catch (Exception e) {
                                measured.completeExceptionally(e);
                            }
                        });
                    }
                });
                try {
                    Measured m = measured.get(windowSeconds + 30, TimeUnit.SECONDS);
                    windows.add(new Window(server, c, repeat, result, m.from(), m.to(), m.perf()));
                } catch (ExecutionException | TimeoutException e) {
                    System.err.println(server + " C=" + c + ": window not measured: " + e);
                }
            }
        } finally {
            if (!process.closeAndWait(60)) {
                System.err.println(server + ": server JVM did not exit; its JFR file may be incomplete");
            }
        }
        return windows;
    }

    /** utime + stime of the whole process (threads gone included), context switches of its live threads. */
    static Snapshot snapshot(long pid) throws IOException {
        Instant at = Instant.now();
        long nanos = System.nanoTime();
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command name (which may contain spaces) start at field 3, state.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15: utime, stime
        long voluntary = 0;
        long nonvoluntary = 0;
        Map<String, Long> threadTicks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String taskStat = Files.readString(task.resolve("stat"));
                    String name = taskStat.substring(taskStat.indexOf('(') + 1, taskStat.lastIndexOf(')'));
                    String[] f = taskStat.substring(taskStat.lastIndexOf(')') + 2).split(" ");
                    threadTicks.put(task.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            voluntary += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            nonvoluntary += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException e) {
                    // the thread ended while we listed: its switches are lost either way
                }
            }
        }
        return new Snapshot(at, nanos, ticks, voluntary, nonvoluntary, threadTicks);
    }

    /**
     * {@code perf stat -x, -p PID -- sleep S}: counts per event over the process's threads during
     * S seconds, or an empty map where perf is missing or may not attach.
     */
    static Map<String, Long> perfStat(long pid, long seconds) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("perf", "stat", "-x", ",", "-e", String.join(",", PERF_EVENTS),
                "-p", Long.toString(pid), "--", "sleep", Long.toString(seconds)));
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            Process perf = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String csv = new String(perf.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            perf.waitFor(seconds + 10, TimeUnit.SECONDS);
            for (String line : csv.split("\n")) {
                String[] f = line.split(",");
                if (f.length > 2 && f[0].matches("\\d+")) {
                    counts.put(f[2], Long.parseLong(f[0]));
                }
            }
        } catch (IOException e) {
            // no perf on this machine: /proc's figures stand alone
        }
        return counts;
    }

    /** Per-message figures from /proc and perf, then the JFR samples of the window by category and method. */
    static String describe(Window w, Path jfr, long ticksPerSecond) throws IOException {
        double messages = w.messages();
        double cpuMicros = (w.to().cpuTicks() - w.from().cpuTicks()) * 1e6 / ticksPerSecond;
        long voluntary = w.to().voluntary() - w.from().voluntary();
        long nonvoluntary = w.to().nonvoluntary() - w.from().nonvoluntary();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT,
                "%n## %s C=%d run %d: %,.0f msg/s, p99 %.0f µs; window %.1f s, %,.0f messages%n"
                        + "server CPU %.1f µs/msg (%.2f cores); /proc context switches %.2f/msg (voluntary %.2f, involuntary %.2f)%n",
                w.server(), w.connections(), w.repeat(), w.load().messagesPerSecond(), w.load().p99Micros(),
                w.seconds(), messages, cpuMicros / messages, cpuMicros / 1e6 / w.seconds(),
                (voluntary + nonvoluntary) / messages, voluntary / messages, nonvoluntary / messages));
        // CPU per thread kind (names with their numbers folded: "GC Thread#", "ForkJoinPool-#-"), threads alive at both ends.
        Map<String, Long> kinds = new HashMap<>();
        w.to().threadTicks().forEach((thread, ticks) -> {
            long before = w.from().threadTicks().getOrDefault(thread, 0L);
            kinds.merge(thread.substring(thread.indexOf(' ') + 1).replaceAll("\\d+", "#"), ticks - before, Long::sum);
        });
        text.append("CPU by thread (µs/msg):");
        kinds.entrySet().stream().filter(k -> k.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(8)
                .forEach(k -> text.append(String.format(Locale.ROOT, " [%s] %.1f", k.getKey(),
                        k.getValue() * 1e6 / ticksPerSecond / messages)));
        text.append('\n');
        if (!w.perf().isEmpty()) {
            text.append("perf per message:");
            // perf counted for the window's length (its sleep), starting when it had attached.
            double perfMessages = w.load().messagesPerSecond() * Math.round(w.seconds());
            w.perf().forEach((event, count) -> text.append(String.format(Locale.ROOT, " %s %.2f",
                    event.replace("syscalls:sys_enter_", "").replace("raw_syscalls:sys_enter", "syscalls"), count / perfMessages)));
            text.append('\n');
        }
        Samples samples = Samples.read(jfr, w.from().at(), w.to().at());
        text.append(samples.describe(messages));
        return text.toString();
    }

    /** The JFR events of one window: CPU-time samples (execution samples before JDK 25), allocation, GC. */
    record Samples(String eventName, int total, Map<SampleCategory, Integer> self, Map<SampleCategory, Integer> inclusive,
                   Map<String, Integer> methods, Map<String, Double> allocationSites, double allocatedBytes, int collections, Duration gcPauses, int lost) {

        static Samples read(Path jfr, Instant from, Instant to) throws IOException {
            List<RecordedEvent> events = new ArrayList<>();
            try (RecordingFile file = new RecordingFile(jfr)) {
                while (file.hasMoreEvents()) {
                    RecordedEvent e = file.readEvent();
                    if (!e.getStartTime().isBefore(from) && e.getStartTime().isBefore(to)) {
                        events.add(e);
                    }
                }
            }
            String name = events.stream().anyMatch(e -> e.getEventType().getName().equals("jdk.CPUTimeSample"))
                    ? "jdk.CPUTimeSample" : "jdk.ExecutionSample";
            Map<SampleCategory, Integer> self = new EnumMap<>(SampleCategory.class);
            Map<SampleCategory, Integer> inclusive = new EnumMap<>(SampleCategory.class);
            Map<String, Integer> methods = new HashMap<>();
            Map<String, Double> allocations = new HashMap<>();
            int total = 0;
            int lost = 0;
            double allocated = 0;
            int collections = 0;
            Duration pauses = Duration.ZERO;
            for (RecordedEvent e : events) {
                String type = e.getEventType().getName();
                if (type.equals(name)) {
                    RecordedStackTrace stack = e.getStackTrace();
                    List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
                    String top = frames.isEmpty() ? "" : frames.get(0).getMethod().getType().getName();
                    String method = frames.isEmpty() ? "(no Java frame)" : top + "." + frames.get(0).getMethod().getName();
                    total++;
                    self.merge(SampleCategory.ofStack(frames.stream().map(f -> f.getMethod().getType().getName()).toList()),
                            1, Integer::sum);
                    methods.merge(method, 1, Integer::sum);
                    frames.stream().map(f -> SampleCategory.of(f.getMethod().getType().getName())).distinct()
                            .forEach(c -> inclusive.merge(c, 1, Integer::sum));
                } else if (type.equals("jdk.CPUTimeSamplesLost")) {
                    lost += e.getInt("lostSamples");
                } else if (type.equals("jdk.ObjectAllocationSample")) {
                    allocated += e.getLong("weight");
                    allocations.merge(allocationSite(e), (double) e.getLong("weight"), Double::sum);
                } else if (type.equals("jdk.GarbageCollection")) {
                    collections++;
                    pauses = pauses.plus(e.getDuration("sumOfPauses"));
                }
            }
            return new Samples(name, total, self, inclusive, methods, allocations, allocated, collections, pauses, lost);
        }

        /** The allocated class and the first frame outside java.*, jdk.*, sun.* (the code that asked for it). */
        private static String allocationSite(RecordedEvent e) {
            String objectClass = e.getClass("objectClass") == null ? "?" : e.getClass("objectClass").getName();
            RecordedStackTrace stack = e.getStackTrace();
            String site = "?";
            if (stack != null) {
                for (RecordedFrame f : stack.getFrames()) {
                    String type = f.getMethod().getType().getName();
                    site = type + "." + f.getMethod().getName();
                    if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                        break;
                    }
                }
            }
            return objectClass + " @ " + site;
        }

        String describe(double messages) {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "%s: %d samples (%d lost); allocation ≈ %.0f B/msg; %d GCs, %d ms paused%n",
                    eventName, total, lost, allocatedBytes / messages, collections, gcPauses.toMillis()));
            text.append("| category (nearest named frame) | % | inclusive % |\n| --- | --- | --- |\n");
            for (SampleCategory c : SampleCategory.values()) {
                String anywhere = c == SampleCategory.OTHER ? "–"
                        : String.format(Locale.ROOT, "%.1f", percent(inclusive.getOrDefault(c, 0)));
                text.append(String.format(Locale.ROOT, "| %s | %.1f | %s |%n", c.label(), percent(self.getOrDefault(c, 0)), anywhere));
            }
            text.append("hot methods (self %):\n");
            methods.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                    .limit(TOP_METHODS)
                    .forEach(m -> text.append(String.format(Locale.ROOT, "  %5.1f  %s%n", percent(m.getValue()), m.getKey())));
            text.append("allocation sites (B/msg):\n");
            allocationSites.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                    .limit(5)
                    .forEach(a -> text.append(String.format(Locale.ROOT, "  %7.0f  %s%n", a.getValue() / messages, a.getKey())));
            return text.toString();
        }

        private double percent(int count) {
            return total == 0 ? 0 : 100.0 * count / total;
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(text);
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }
}
