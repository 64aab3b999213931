package org.socketlab.websocket.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.server.ConnectionThreads;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.soak.SoakClients.Plan;
import org.socketlab.websocket.soak.SoakClients.Result;
import org.socketlab.websocket.testing.ResourceProbe;
import org.socketlab.websocket.testing.TestEchoHandler;

/**
 * Load and soak: N concurrent WebSocket connections on loopback against one echo server, each
 * sending sequence-numbered messages and verifying every echo (nothing lost, duplicated or
 * reordered), while 5% of the clients are killed with a TCP reset mid-run and 5% misbehave
 * (invalid UTF-8 must get 1007, an unmasked frame 1002). Afterwards every connection must be gone.
 *
 * <p>The CI profile is small (1,000 connections × 40 messages, well under a minute here). The
 * larger run is documented in the README's reliability section:
 * {@code -Dsocketlab.soak.connections=10000 -Dsocketlab.soak.seconds=60}. When two sockets per
 * connection would not fit this process's file-descriptor limit, the clients run in a child JVM.
 * Figures are printed and written to {@code target/soak-report.txt}.
 *
 * <p>The server runs on the builders' default transport, which
 * {@code -Dsocketlab.websocket.connectionThreads=EVENT_LOOP} changes: the {@code event-loop-suites}
 * profile runs this soak a second time on the selector loops (issue 20), and the test then checks
 * that every message was echoed on a loop thread, so it cannot pass on the wrong transport.
 */
@Tag("soak")
class LoadSoakTest {

    private static final int CONNECTIONS = Integer.getInteger("socketlab.soak.connections", 1_000);
    private static final int MESSAGES = Integer.getInteger("socketlab.soak.messages", 40);
    private static final long SECONDS = Long.getLong("socketlab.soak.seconds", 0);
    private static final long SEED = Long.getLong("socketlab.soak.seed", System.nanoTime());

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES) // the CI profile takes seconds; the 10k run a few minutes
    void manyConnectionsEchoEverythingInOrder_whileSomeAreKilledAndSomeMisbehave() throws Exception {
        ConnectionThreads transport = ConnectionThreads.configuredDefault();
        System.out.printf("LoadSoakTest: %d connections, %s, seed %d, transport %s%n", CONNECTIONS,
                SECONDS > 0 ? SECONDS + " s of messages each" : MESSAGES + " messages each", SEED, transport);
        ThreadRecordingEcho echo = new ThreadRecordingEcho();
        try (WebSocketServer server = WebSocketServer.builder().endpoint("/", echo)
                .backlog(4096).maxConnections(CONNECTIONS + 100).start()) {
            Plan plan = new Plan(server.port(), CONNECTIONS, MESSAGES, SECONDS, 0.05, 0.05, SEED);
            Memory baseline = Memory.measure();
            long started = System.nanoTime();
            Memory[] held = new Memory[1];
            int[] sessionsHeld = new int[1];
            Runnable measure = () -> {
                // The server registers a session just after writing its 101, so the last one may lag.
                ResourceProbe.await(Duration.ofSeconds(30), () -> server.sessions().size() == CONNECTIONS);
                sessionsHeld[0] = server.sessions().size();
                held[0] = Memory.measure();
            };
            Result result = needsChildJvm() ? runInChild(plan, measure) : new SoakClients(plan).run(measure);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            boolean drained = ResourceProbe.await(Duration.ofSeconds(60), () -> server.activeConnections() == 0);
            String report = "transport " + transport + "; handler threads " + echo.threadKinds() + "\n"
                    + report(result, sessionsHeld[0], baseline, held[0], took, drained);
            System.out.println(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "soak-report.txt"), report);

            assertThat(result.problems()).as("problems (seed %d)", SEED).isEmpty();
            assertThat(result.connected()).isEqualTo(CONNECTIONS);
            assertThat(sessionsHeld[0]).as("sessions open at once on the server").isEqualTo(CONNECTIONS);
            assertThat(result.echoesVerified()).as("every echo came back once, in order")
                    .isEqualTo(result.messagesSent() - unansweredAtKill(result));
            assertThat(result.misbehavedGotTheRightCode()).isEqualTo(result.misbehaved());
            assertThat(result.cleanCloses()).isEqualTo(CONNECTIONS - result.killed() - result.misbehaved());
            assertThat(drained).as("every connection freed afterwards").isTrue();
            if (transport == ConnectionThreads.EVENT_LOOP) {
                assertThat(echo.threadKinds()).as("threads that ran the echo handler on %s", transport)
                        .containsOnlyKeys("ws-loop-");
            }
        }
    }

    /** The echo, counting the threads it runs on by kind (the name without its number). */
    private static final class ThreadRecordingEcho extends TestEchoHandler {
        private final Map<String, java.util.concurrent.atomic.LongAdder> kinds = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void onText(Session session, String text) {
            kinds.computeIfAbsent(Thread.currentThread().getName().replaceAll("\\d+$", ""),
                    kind -> new java.util.concurrent.atomic.LongAdder()).increment();
            super.onText(session, text);
        }

        Map<String, Long> threadKinds() {
            Map<String, Long> counts = new java.util.TreeMap<>();
            kinds.forEach((kind, count) -> counts.put(kind, count.sum()));
            return counts;
        }
    }

    /** Killed clients read all their echoes before the reset, so nothing is outstanding. */
    private static long unansweredAtKill(Result result) {
        return 0;
    }

    private static boolean needsChildJvm() {
        int open = ResourceProbe.openFileDescriptors();
        long limit = maxFileDescriptors();
        return open < 0 || limit < 0 || open + 2L * CONNECTIONS + 1_000 > limit;
    }

    private static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    private static Result runInChild(Plan plan, Runnable measure) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xss256k", "-cp", System.getProperty("java.class.path"),
                SoakClients.class.getName(), String.valueOf(plan.port()), String.valueOf(plan.connections()),
                String.valueOf(plan.messages()), String.valueOf(plan.seconds()), String.valueOf(plan.killShare()),
                String.valueOf(plan.misbehaveShare()), String.valueOf(plan.seed()))
                .redirectErrorStream(true).start();
        try (var out = child.inputReader(StandardCharsets.UTF_8); OutputStream in = child.getOutputStream()) {
            String line;
            Result result = null;
            List<String> problems = new java.util.ArrayList<>();
            while ((line = out.readLine()) != null) {
                if (line.equals("CONNECTED")) {
                    measure.run();
                    in.write('\n');
                    in.flush();
                } else if (line.startsWith("RESULT ")) {
                    result = parse(line);
                } else if (line.startsWith("PROBLEM ")) {
                    problems.add(line);
                } else {
                    System.out.println("[clients] " + line);
                }
            }
            child.waitFor(60, TimeUnit.SECONDS);
            if (result == null) {
                throw new AssertionError("the client JVM printed no RESULT line; exit " + child.exitValue());
            }
            return new Result(result.connected(), result.connectFailures(), result.messagesSent(), result.echoesVerified(),
                    result.killed(), result.misbehaved(), result.misbehavedGotTheRightCode(), result.cleanCloses(),
                    problems.isEmpty() && result.problems().isEmpty() ? List.of() : problems.isEmpty()
                            ? result.problems() : problems);
        } finally {
            child.destroyForcibly();
        }
    }

    private static Result parse(String line) {
        Map<String, Long> values = new java.util.HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\\d+)").matcher(line);
        while (m.find()) {
            values.put(m.group(1), Long.parseLong(m.group(2)));
        }
        long problemCount = values.get("problems");
        return new Result(values.get("connected").intValue(), values.get("connectFailures").intValue(),
                values.get("messagesSent"), values.get("echoesVerified"), values.get("killed").intValue(),
                values.get("misbehaved").intValue(), values.get("right").intValue(), values.get("clean").intValue(),
                problemCount == 0 ? List.of() : List.of(problemCount + " problems (see PROBLEM lines)"));
    }

    private static String report(Result r, int sessionsHeld, Memory before, Memory held, Duration took, boolean drained) {
        long heapPer = (held.heapBytes() - before.heapBytes()) / Math.max(1, CONNECTIONS);
        long rssPer = (held.rssBytes() - before.rssBytes()) / Math.max(1, CONNECTIONS);
        return """
                soak report (seed %d, clients %s)
                  connections held at once : %d (server sessions %d)
                  messages sent / verified : %d / %d (lost, duplicated or reordered: %d)
                  faults injected          : %d killed with RST mid-run, %d misbehaved (%d got the right close code)
                  clean closes             : %d
                  memory per connection    : %d bytes heap after GC, %s RSS (%s)
                  duration                 : %.1f s; all connections freed afterwards: %s
                """.formatted(SEED, needsChildJvm() ? "in a child JVM (server-side figures)" : "in this JVM (both ends)",
                r.connected(), sessionsHeld, r.messagesSent(), r.echoesVerified(),
                r.messagesSent() - r.echoesVerified(), r.killed(), r.misbehaved(), r.misbehavedGotTheRightCode(),
                r.cleanCloses(), heapPer,
                // RSS can fall when the collector returns memory to the OS; small runs are noisy.
                rssPer < 0 ? "n/a (fell during the run)" : rssPer + " bytes",
                needsChildJvm() ? "server only" : "server and client sockets together",
                took.toMillis() / 1000.0, drained);
    }

    /** Heap used after a full GC, and the resident set from /proc/self/status. */
    record Memory(long heapBytes, long rssBytes) {
        static Memory measure() {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Memory(heap, rss());
        }

        private static long rss() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            return -1;
        }
    }
}
