package org.socketlab.bench.deflate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.socketlab.bench.load.ServerProcess;
import org.socketlab.bench.report.LoadAverage;
import org.socketlab.bench.report.Machine;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * permessage-deflate (RFC 7692) end to end, our server beside Netty's
 * {@code WebSocketServerCompressionHandler} in the same run, each server in its own JVM:
 *
 * <ol>
 * <li><b>Echo</b>: C connections, closed loop, chat-like JSON (and random bytes as the
 *     incompressible contrast), with and without compression: messages per second and bytes on
 *     the wire per message in each direction ({@link EchoRun}).</li>
 * <li><b>Memory per connection</b>: the server's heap (after a full GC) and RSS before and after
 *     N connections that each sent one message, with context takeover and without
 *     ({@link MemoryRun}); and the zlib objects alone, in this JVM ({@link ZlibCost}).</li>
 * </ol>
 *
 * Every row carries the one-minute load average before and after it; rows above
 * {@link LoadAverage#QUIET_PER_CORE} per core are marked noisy and left out of the report file
 * (printed, never published). Run:
 *
 * <pre>mvn -B -ntp -o -pl benchmarks -am compile exec:exec -Dsuite=x \
 *     -Dmain=org.socketlab.bench.deflate.DeflateBenchmark -Dargs="--seconds 5 --warmup 2"</pre>
 */
public final class DeflateBenchmark {

    /** Servers measured: ours (takeover as agreed; the shipped default without server takeover) and Netty's. */
    static final List<String> ECHO_KINDS = List.of("socketlab", "socketlab-deflate", "socketlab-deflate-reset",
            "netty", "netty-deflate");

    private DeflateBenchmark() {
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "DeflateBenchmark", mixinStandardHelpOptions = true,
            description = "permessage-deflate: msgs/s and wire bytes for chat JSON, ours beside Netty; memory per connection.")
    static final class Options implements Cli.Validated {
        @Option(names = "--seconds", description = "measured seconds per echo row (default: ${DEFAULT-VALUE})")
        double seconds = 5;
        @Option(names = "--warmup", description = "warm-up seconds per echo row (default: ${DEFAULT-VALUE})")
        double warmup = 2;
        @Option(names = "--connections", split = ",", description = "concurrent connections, e.g. 1,16 (default: 1,16)")
        List<Integer> connections = List.of(1, 16);
        @Option(names = "--memory-connections", description = "connections for the memory rows, 0 = none (default: ${DEFAULT-VALUE})")
        int memoryConnections = 2_000;
        @Option(names = "--zlib-objects", description = "Deflater/Inflater objects for the zlib rows, 0 = none (default: ${DEFAULT-VALUE})")
        int zlibObjects = 2_000;
        @Option(names = "--report", description = "markdown report of the quiet rows (default: ${DEFAULT-VALUE})")
        Path report = Path.of("target/reports/deflate.md");

        @Override
        public void validate() {
            Cli.requireRange("--seconds", (long) Math.ceil(seconds), 1, 3_600);
            Cli.requireRange("--memory-connections", memoryConnections, 0, 20_000);
            Cli.requireRange("--zlib-objects", zlibObjects, 0, 100_000);
            for (int c : connections) {
                Cli.requireRange("--connections", c, 1, 1_000);
            }
        }
    }

    public static void main(String[] argv) throws Exception {
        Options options = Cli.parse(new Options(), argv);
        System.out.println("permessage-deflate benchmark on " + Machine.current().describe()
                + String.format(Locale.ROOT, "; load average now %.2f (quiet ≤ %.1f per core × %d cores)",
                LoadAverage.now(), LoadAverage.QUIET_PER_CORE, Runtime.getRuntime().availableProcessors()));
        // The zlib rows first, while this JVM's heap is still small and settled (RSS growth is the measure).
        List<ZlibCost.Row> zlib = options.zlibObjects > 0 ? ZlibCost.measure(options.zlibObjects) : List.of();
        zlib.forEach(row -> System.out.println(row.line()));
        List<EchoRun.Row> echo = new ArrayList<>();
        for (String kind : ECHO_KINDS) {
            try (ServerProcess server = ServerProcess.start(kind, "1g")) {
                for (int connections : options.connections) {
                    for (boolean random : new boolean[] {false, true}) {
                        EchoRun.Row row = EchoRun.measure(server, kind.endsWith("deflate") || kind.endsWith("reset"),
                                random, connections, options.warmup, options.seconds);
                        System.out.println(row.line());
                        echo.add(row);
                    }
                }
            }
        }
        List<MemoryRun.Row> memory = new ArrayList<>();
        if (options.memoryConnections > 0) {
            for (String kind : ECHO_KINDS) {
                MemoryRun.Row row = MemoryRun.measure(kind, options.memoryConnections);
                System.out.println(row.line());
                memory.add(row);
            }
        }
        String command = "mvn -B -ntp -o -pl benchmarks -am compile exec:exec -Dsuite=x"
                + " -Dmain=org.socketlab.bench.deflate.DeflateBenchmark -Dargs=\"" + String.join(" ", argv) + "\"";
        String report = DeflateReport.markdown(command, echo, memory, zlib);
        Files.createDirectories(options.report.toAbsolutePath().getParent());
        Files.writeString(options.report, report);
        System.out.println("quiet rows written to " + options.report.toAbsolutePath()
                + " (rows measured above the quiet threshold are printed above and left out)");
    }
}
