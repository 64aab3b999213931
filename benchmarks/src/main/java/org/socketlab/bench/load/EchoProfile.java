package org.socketlab.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.socketlab.bench.report.LoadAverage;
import org.socketlab.tcp.cli.Cli;
import org.socketlab.websocket.frame.Frame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Load-independent figures for one echo server (issue 20's profile, {@code docs/event-loop.md}
 * §8): C connections × N round trips of B bytes after N/2 unmeasured ones, and around the
 * measured round trips only the server's system calls per message ({@code strace -c -f -p},
 * when {@code --strace}) and the bytes its platform threads allocated per message (the
 * {@code allocated=} of {@code jcmd PID Thread.print -e}; event loops are platform threads, a
 * virtual-thread server's handlers are not counted). Throughput and latency are printed too,
 * with the load average: on a busy machine only their direction means anything.
 *
 * <pre>EchoProfile socketlab-loop 1 4000 16384 --strace</pre>
 */
public final class EchoProfile {

    private static final Pattern ALLOCATED = Pattern.compile("allocated=(\\d+)([BKMG])");
    private static final Pattern STRACE_ROW = Pattern.compile("^\\s*[\\d.]+\\s+[\\d.]+\\s+\\d+\\s+(\\d+)\\s+(?:\\d+\\s+)?(\\w+)\\s*$");

    private EchoProfile() {
    }

    @Command(name = "EchoProfile", mixinStandardHelpOptions = true,
            description = "System calls and allocation per echoed message of one server KIND (see EchoServerProcess).")
    static final class Options implements Cli.Validated {
        @Parameters(index = "0", arity = "0..1", paramLabel = "KIND",
                description = "socketlab-loop, netty, socketlab, ... (default: ${DEFAULT-VALUE})")
        String kind = "socketlab-loop";
        @Parameters(index = "1", arity = "0..1", paramLabel = "CONNECTIONS", description = "(default: ${DEFAULT-VALUE})")
        int connections = 1;
        @Parameters(index = "2", arity = "0..1", paramLabel = "ROUNDS",
                description = "measured round trips per connection (default: ${DEFAULT-VALUE})")
        int rounds = 4000;
        @Parameters(index = "3", arity = "0..1", paramLabel = "BYTES", description = "payload bytes (default: ${DEFAULT-VALUE})")
        int bytes = 16384;
        @Option(names = "--strace", description = "count system calls with strace -c -f -p (needs strace and ptrace rights)")
        boolean strace;

        @Override
        public void validate() {
            Cli.requireRange("CONNECTIONS", connections, 1, 20_000);
            Cli.requireRange("ROUNDS", rounds, 2, Integer.MAX_VALUE);
            Cli.requireRange("BYTES", bytes, 0, 16 << 20);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        try (ServerProcess server = ServerProcess.start(options.kind, "2g")) {
            List<EchoConnection> connections = LoadGenerator.open(server.address(), server.path(), options.connections);
            try {
                Frame message = Frame.binary(ByteBuffer.wrap(new byte[options.bytes]));
                roundTrips(connections, message, options.rounds / 2); // warm-up, not measured
                // jcmd's thread dump is written with many write(2) calls: strace runs between the two.
                long allocatedBefore = allocated(server.pid());
                Path straceOut = Files.createTempFile("echo-profile", ".strace");
                Process strace = options.strace ? startStrace(server.pid(), straceOut) : null;
                double load = LoadAverage.now();
                long[] loopsBefore = loopThreadSchedule(server.pid());
                long started = System.nanoTime();
                Histogram rtt = roundTrips(connections, message, options.rounds);
                double seconds = (System.nanoTime() - started) / 1e9;
                long[] loopsAfter = loopThreadSchedule(server.pid());
                if (strace != null) {
                    strace.destroy(); // SIGTERM: strace detaches and writes its summary
                    strace.waitFor(30, TimeUnit.SECONDS);
                }
                long allocated = allocated(server.pid()) - allocatedBefore;
                long messages = (long) options.connections * options.rounds;
                System.out.printf(Locale.ROOT, "%s C=%d B=%d: %d messages, %.0f msg/s, p50 %.0f us, p99 %.0f us"
                                + " (load average %.2f: relative only)%n", options.kind, options.connections, options.bytes,
                        messages, messages / seconds, rtt.getValueAtPercentile(50) / 1e3,
                        rtt.getValueAtPercentile(99) / 1e3, load);
                System.out.printf(Locale.ROOT, "  allocated by platform threads: %,d B/message%n", allocated / messages);
                System.out.printf(Locale.ROOT, "  event-loop threads (/proc schedstat): on CPU %.1f us/message,"
                                + " waiting for a CPU %.1f us/message (the latter depends on the load)%n",
                        (loopsAfter[0] - loopsBefore[0]) / 1e3 / messages, (loopsAfter[1] - loopsBefore[1]) / 1e3 / messages);
                if (strace != null) {
                    printSyscalls(straceOut, messages);
                }
                Files.deleteIfExists(straceOut);
            } finally {
                LoadGenerator.closeAll(connections);
            }
        }
    }

    private static Histogram roundTrips(List<EchoConnection> connections, Frame message, int rounds) throws Exception {
        ConcurrentLinkedQueue<Histogram> histograms = new ConcurrentLinkedQueue<>();
        List<Future<?>> senders = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (EchoConnection connection : connections) {
                senders.add(threads.submit(() -> {
                    Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
                    for (int i = 0; i < rounds; i++) {
                        histogram.recordValue(connection.roundTrip(message));
                    }
                    histograms.add(histogram);
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get(); // a failed connection fails the profile
            }
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        histograms.forEach(all::add);
        return all;
    }

    private static Process startStrace(long pid, Path out) throws IOException, InterruptedException {
        Process strace = new ProcessBuilder("strace", "-c", "-f", "-p", String.valueOf(pid), "-o", out.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        TimeUnit.MILLISECONDS.sleep(1_500); // strace attaches to every thread; nothing to wait on but time
        return strace;
    }

    private static void printSyscalls(Path out, long messages) throws IOException {
        System.out.println("  system calls per message (strace -c -f):");
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            Matcher row = STRACE_ROW.matcher(line);
            if (row.matches() && !row.group(2).equals("total")) {
                double perMessage = Long.parseLong(row.group(1)) / (double) messages;
                if (perMessage >= 0.005) {
                    System.out.printf(Locale.ROOT, "    %-16s %6.2f%n", row.group(2), perMessage);
                }
            }
        }
    }

    /**
     * Nanoseconds on a CPU and waiting in a run queue, summed over the server's event-loop threads
     * ({@code ws-loop-N}, Netty's {@code nioEventLoopGroup-…}), from {@code /proc/PID/task/TID/schedstat}
     * (Linux; zeros elsewhere).
     */
    private static long[] loopThreadSchedule(long pid) throws IOException {
        long[] total = new long[2];
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return total;
        }
        try (var threads = Files.list(tasks)) {
            for (Path task : threads.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (name.startsWith("ws-loop-") || name.startsWith("nioEventLoopGro")) {
                        String[] fields = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
                        total[0] += Long.parseLong(fields[0]);
                        total[1] += Long.parseLong(fields[1]);
                    }
                } catch (IOException gone) {
                    // the thread ended between listing and reading
                }
            }
        }
        return total;
    }

    /** Sum of {@code allocated=} over the server's platform threads, from {@code jcmd PID Thread.print -e}. */
    private static long allocated(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.print", "-e")
                .redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        dump.waitFor(30, TimeUnit.SECONDS);
        long total = 0;
        Matcher m = ALLOCATED.matcher(text);
        while (m.find()) {
            long unit = switch (m.group(2)) {
                case "K" -> 1L << 10;
                case "M" -> 1L << 20;
                case "G" -> 1L << 30;
                default -> 1;
            };
            total += Long.parseLong(m.group(1)) * unit;
        }
        return total;
    }
}
