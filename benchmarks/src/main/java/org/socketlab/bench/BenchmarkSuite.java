package org.socketlab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socketlab.bench.CodecSuite.CodecResult;
import org.socketlab.bench.load.LoadResult;
import org.socketlab.bench.load.MemoryProbe.MemoryResult;
import org.socketlab.bench.report.Charts;
import org.socketlab.bench.report.LoadAverage;
import org.socketlab.bench.report.Publication;
import org.socketlab.bench.report.Machine;
import org.socketlab.bench.report.Tables;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The one command that runs everything and writes the report:
 *
 * <pre>mvn -q -pl benchmarks -am compile exec:exec -Dsuite=full</pre>
 *
 * {@code full} runs the JMH codec benchmarks (forks 1, 3×1 s warm-up, 5×1 s measurement, GC
 * profiler), the end-to-end load runs against our server, Netty and Java-WebSocket, and the
 * memory probe; {@code quick} is the CI smoke profile; {@code codec} and {@code e2e} run one half
 * of {@code full}, {@code memory} only the memory probe (a third argument sets its connection count).
 * Results go to {@code target/reports/} (or the second argument, {@code -Dreports=DIR}
 * through Maven): results.json,
 * jmh.json, summary.md and PNG charts.
 *
 * <p><b>Measurement hygiene.</b> Every row carries the one-minute load average before and after
 * it was measured; a row above 1 per core is marked noisy and warned about. With
 * {@code -Dpublish=DIR} (the system property {@code bench.publish}) the suite also writes the
 * published results, {@code DIR/RESULTS.md} and {@code DIR/RESULTS.json}, from the quiet rows only
 * (see {@link Publication}); nothing else may write or edit them.
 */
public final class BenchmarkSuite {

    private BenchmarkSuite() {
    }

    /** The command line (see {@link Cli}): positional, as the pom's {@code -Dsuite} passes them. */
    @Command(name = "BenchmarkSuite", mixinStandardHelpOptions = true,
            description = "Runs the codec (JMH) and end-to-end benchmarks and writes the reports.")
    static final class Options implements Cli.Validated {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SUITE",
                description = "full, quick, codec, e2e or memory (default: ${DEFAULT-VALUE})")
        String mode = "full";
        @Parameters(index = "1", arity = "0..1", paramLabel = "REPORT_DIR", description = "(default: ${DEFAULT-VALUE})")
        String reports = "target/reports";
        @Parameters(index = "2", arity = "0..1", paramLabel = "IDLE_CONNECTIONS",
                description = "idle connections for the memory run (default: the profile's)")
        Integer idle;

        @Override
        public void validate() {
            if (!List.of("full", "quick", "codec", "e2e", "memory").contains(mode)) {
                throw new IllegalArgumentException("unknown suite '" + mode + "'; expected full, quick, codec, e2e or memory");
            }
            if (idle != null) {
                Cli.requireRange("IDLE_CONNECTIONS", idle, 0, 1_000_000);
            }
        }
    }

    public static void main(String[] argv) throws Exception {
        Options options = Cli.parse(new Options(), argv);
        String mode = options.mode;
        SuiteProfile profile = SuiteProfile.named(mode.equals("quick") ? "quick" : "full");
        boolean codec = mode.equals("full") || mode.equals("quick") || mode.equals("codec");
        boolean e2e = mode.equals("full") || mode.equals("quick") || mode.equals("e2e");
        boolean memoryOnly = mode.equals("memory");
        if (!codec && !e2e && !memoryOnly) {
            throw new IllegalArgumentException("unknown suite " + mode + "; expected full, quick, codec, e2e or memory");
        }
        Path reports = Path.of(options.reports);
        Files.createDirectories(reports);
        Machine machine = Machine.current();
        System.out.println("socketlab benchmarks, profile " + mode + ", on " + machine.describe());

        String include = System.getProperty("bench.include", "").isBlank() ? CodecSuite.INCLUDE
                : System.getProperty("bench.include").trim();
        List<CodecResult> codecResults = codec
                ? CodecSuite.run(profile, reports.resolve("jmh.json"), include) : List.of();
        List<LoadResult> load = e2e ? LoadSuite.run(LoadSuite.scenarios(profile), System.out::println) : List.of();
        int idle = options.idle != null ? options.idle : profile.idleConnections();
        // A codec run given IDLE_CONNECTIONS measures idle memory too: the issue-19 targets in one run.
        boolean memoryAsked = e2e || memoryOnly || options.idle != null;
        List<MemoryResult> memory = memoryAsked && idle > 0
                ? LoadSuite.memory(idle, System.out::println) : List.of();

        write(reports, mode, machine, profile, codecResults, load, memory);
        System.out.println("report written to " + reports.toAbsolutePath());
        publish(mode, machine, codecResults, load, memory);
    }

    /** The -Dbench.servers / -Dbench.memory choice, as the pom passes it (empty when the defaults ran). */
    private static String serverChoice() {
        String servers = System.getProperty("bench.servers", "");
        String memory = System.getProperty("bench.memory", "");
        if (servers.isBlank() && memory.isBlank()) {
            return "";
        }
        return " -Dbench.jvm=\"-Xss1m" + (servers.isBlank() ? "" : " -Dbench.servers=" + servers)
                + (memory.isBlank() ? "" : " -Dbench.memory=" + memory) + "\"";
    }

    /** Warns about noisy rows; with {@code bench.publish} set, writes the published results from the quiet ones. */
    static void publish(String mode, Machine machine, List<CodecResult> codec, List<LoadResult> load,
                        List<MemoryResult> memory) throws java.io.IOException {
        Publication publication = new Publication(codec, load, memory);
        for (String noisy : publication.omitted()) {
            System.out.println("WARNING: measured on a busy machine (above " + LoadAverage.QUIET_PER_CORE
                    + " load per core, or others using over " + LoadAverage.FOREIGN_PER_CORE + " of each core), not publishable: " + noisy);
        }
        String target = System.getProperty("bench.publish", "").trim();
        if (target.isEmpty()) {
            return;
        }
        if (!publication.hasQuietRows()) {
            System.out.println("WARNING: no row was measured on a quiet machine; " + target + "/RESULTS.md left unchanged");
            return;
        }
        String include = System.getProperty("bench.include", "").trim();
        String command = "mvn -B -ntp -o -pl benchmarks -am compile exec:exec -Dsuite=" + mode + " -Dpublish=" + target
                + (include.isEmpty() ? "" : " -Dinclude='" + include + "'")
                + (memory.isEmpty() || !mode.equals("codec") ? "" : " -Dargs=\"codec target/reports " + memory.get(0).connections() + "\"")
                + serverChoice();
        publication.write(Path.of(target), machine, command);
        System.out.println("published results written to " + Path.of(target, "RESULTS.md").toAbsolutePath()
                + (publication.omitted().isEmpty() ? "" : " (" + publication.omitted().size() + " noisy rows left out)"));
    }

    static void write(Path reports, String mode, Machine machine, SuiteProfile profile, List<CodecResult> codec,
                      List<LoadResult> load, List<MemoryResult> memory) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("when", Instant.now().toString());
        json.put("mode", mode);
        json.put("machine", machine);
        json.put("profile", profile);
        json.put("codec", codec);
        json.put("load", load);
        json.put("memory", memory);
        // Durations as ISO-8601 text ("PT5S"); no extra Jackson module needed.
        SimpleModule durations = new SimpleModule().addSerializer(Duration.class, ToStringSerializer.instance);
        new ObjectMapper().registerModule(durations)
                .writerWithDefaultPrettyPrinter().writeValue(reports.resolve("results.json").toFile(), json);

        Tables tables = new Tables(codec);
        List<String> sections = new ArrayList<>();
        sections.add("Run " + Instant.now() + " (" + mode + ") on " + machine.describe() + ".\n");
        if (!codec.isEmpty()) {
            sections.add(tables.decode());
            sections.add(tables.encode());
            sections.add(tables.masking());
            sections.add(tables.utf8AndHandshake());
        }
        if (!load.isEmpty()) {
            sections.add(Tables.load(load));
        }
        if (!memory.isEmpty()) {
            sections.add(Tables.memory(memory));
        }
        List<String> noisy = new Publication(codec, load, memory).omitted();
        if (!noisy.isEmpty()) {
            sections.add("**Noisy rows** (measured above " + LoadAverage.QUIET_PER_CORE + " load per core on "
                    + machine.cores() + " cores; never published):\n\n- " + String.join("\n- ", noisy) + "\n");
        }
        String summary = String.join("\n", sections);
        Files.writeString(reports.resolve("summary.md"), summary, StandardCharsets.UTF_8);
        System.out.println(summary);
        charts(reports, profile, tables, codec, load);
    }

    private static void charts(Path reports, SuiteProfile profile, Tables tables, List<CodecResult> codec,
                               List<LoadResult> load) throws java.io.IOException {
        if (!codec.isEmpty()) {
            List<String> sizes = profile.sizes();
            Charts.codec(tables, "DecodeBenchmark", sizes, List.of("socketlab", "jetty", "nettyDirect",
                    "nettyEmbeddedChannel", "javaWebSocket", "baselineArraycopy", "baselineNaiveUnmask"),
                    "Decode one masked frame", reports.resolve("decode.png"));
            Charts.codec(tables, "EncodeBenchmark", sizes, List.of("socketlabClient", "nettyClient", "javaWebSocketClient",
                    "socketlabServer", "nettyServer", "javaWebSocketServer", "baselineArraycopy"),
                    "Encode one frame (client = masked)", reports.resolve("encode.png"));
            Charts.codec(tables, "MaskingBenchmark", sizes, List.of("simpleByteLoop", "fastHeap", "fastDirect",
                    "copyMasked", "baselineArraycopy"), "Masking", reports.resolve("masking.png"));
        }
        if (!load.isEmpty()) {
            Charts.load(load, "Echo throughput (same client)", "messages per second", LoadResult::messagesPerSecond,
                    reports.resolve("load-throughput.png"));
            Charts.load(load, "Echo round trip p99 (same client)", "p99 µs", LoadResult::p99Micros,
                    reports.resolve("load-p99.png"));
        }
    }
}
