package org.socketlab.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.socketlab.bench.CodecSuite.CodecResult;
import org.socketlab.bench.load.LoadResult;
import org.socketlab.bench.load.MemoryProbe.MemoryResult;

/**
 * The published results ({@code RESULTS.md} and {@code RESULTS.json}), written by the suite
 * itself, never by hand: machine, JDK, date, the command that produced them, the load average
 * of every row, the issue-19 targets checked from the rows — and only rows measured at a load of
 * at most 1 per core ({@link LoadAverage}). Noisy rows are named in a "not published" list.
 */
public final class Publication {

    private final List<CodecResult> codec;
    private final List<LoadResult> load;
    private final List<MemoryResult> memory;
    private final List<String> omitted = new ArrayList<>();

    public Publication(List<CodecResult> codec, List<LoadResult> load, List<MemoryResult> memory) {
        this.codec = codec.stream().filter(CodecResult::quiet).toList();
        this.load = load.stream().filter(LoadResult::quiet).toList();
        this.memory = memory.stream().filter(MemoryResult::quiet).toList();
        codec.stream().filter(r -> !r.quiet()).forEach(r -> omitted.add(String.format(Locale.ROOT,
                "%s.%s[%s] at load %.2f → %.2f", r.benchmark(), r.method(), r.param(), r.loadBefore(), r.loadAfter())));
        load.stream().filter(r -> !r.quiet()).forEach(r -> omitted.add(String.format(Locale.ROOT,
                "load %s at load %.2f → %.2f, others' CPU %.2f cores", r.scenario().label(), r.loadBefore(), r.loadAfter(),
                r.foreignCores())));
        memory.stream().filter(r -> !r.quiet()).forEach(r -> omitted.add(String.format(Locale.ROOT,
                "memory %s at load %.2f → %.2f, others' CPU %.2f cores", r.server(), r.loadBefore(), r.loadAfter(),
                r.foreignCores())));
    }

    /** Rows measured above 1 per core: warned about, never published. */
    public List<String> omitted() {
        return omitted;
    }

    public boolean hasQuietRows() {
        return !codec.isEmpty() || !load.isEmpty() || !memory.isEmpty();
    }

    /** Writes RESULTS.md and RESULTS.json into {@code directory} (created if needed). */
    public void write(Path directory, Machine machine, String command) throws IOException {
        Files.createDirectories(directory);
        Instant when = Instant.now();
        List<Targets.Check> checks = new Targets(codec, load, memory).checks();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", when.toString());
        json.put("command", command);
        json.put("machine", machine);
        json.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        json.put("quietLimitPerCore", LoadAverage.QUIET_PER_CORE);
        json.put("foreignCpuLimitPerCore", LoadAverage.FOREIGN_PER_CORE);
        json.put("targets", checks);
        json.put("codec", codec);
        json.put("load", load);
        json.put("memory", memory);
        json.put("notPublished", omitted);
        SimpleModule durations = new SimpleModule().addSerializer(Duration.class, ToStringSerializer.instance);
        new ObjectMapper().registerModule(durations).writerWithDefaultPrettyPrinter()
                .writeValue(directory.resolve("RESULTS.json").toFile(), json);
        Files.writeString(directory.resolve("RESULTS.md"), markdown(when, machine, command, checks), StandardCharsets.UTF_8);
    }

    private String markdown(Instant when, Machine machine, String command, List<Targets.Check> checks) {
        StringBuilder md = new StringBuilder("# socketlab benchmark results\n\n")
                .append("Written by `BenchmarkSuite` itself; do not edit by hand — re-run the command instead.\n\n")
                .append("- Date: ").append(when).append('\n')
                .append("- Command: `").append(command).append("`\n")
                .append("- Machine: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores, ")
                .append(machine.os()).append('\n')
                .append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n')
                .append(String.format(Locale.ROOT, "- Load average (1 min) over the published rows: %s%n", loadRange()))
                .append(String.format(Locale.ROOT, "- JMH rows are published when measured at a load of at most %.0f per core; "
                        + "end-to-end and memory rows, whose own processes load every core (and whose load before "
                        + "is the previous run's), need other processes' CPU during them at most %.1f per core.%n%n",
                        LoadAverage.QUIET_PER_CORE, LoadAverage.FOREIGN_PER_CORE));
        md.append("## Targets (issues 19 and 20)\n\n| target | measured | verdict |\n| --- | --- | --- |\n");
        for (Targets.Check check : checks) {
            md.append("| ").append(check.target()).append(" | ").append(check.measured()).append(" | ")
                    .append(check.verdict()).append(" |\n");
        }
        Tables tables = new Tables(codec);
        List<String> sections = new ArrayList<>();
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
        md.append("\n## Tables\n\n").append(String.join("\n", sections));
        if (!omitted.isEmpty()) {
            md.append("\n## Not published (measured above the load limit)\n\n");
            omitted.forEach(line -> md.append("- ").append(line).append('\n'));
        }
        return md.toString();
    }

    private String loadRange() {
        double low = Double.MAX_VALUE;
        double high = 0;
        for (double v : allLoads()) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        return low == Double.MAX_VALUE ? "no rows" : String.format(Locale.ROOT, "%.2f–%.2f", low, high);
    }

    private List<Double> allLoads() {
        List<Double> loads = new ArrayList<>();
        codec.forEach(r -> loads.addAll(List.of(r.loadBefore(), r.loadAfter())));
        load.forEach(r -> loads.addAll(List.of(r.loadBefore(), r.loadAfter())));
        memory.forEach(r -> loads.addAll(List.of(r.loadBefore(), r.loadAfter())));
        return loads;
    }
}
