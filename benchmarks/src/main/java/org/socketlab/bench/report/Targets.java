package org.socketlab.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.socketlab.bench.CodecSuite.CodecResult;
import org.socketlab.bench.load.LoadResult;
import org.socketlab.bench.load.MemoryProbe.MemoryResult;

/**
 * The targets of issue 19, checked from one run's (quiet) rows: decode at least 2× Jetty at 16 B
 * and 125 B and ahead of every peer at every size with 0 B/op; UTF-8 validation at least as fast
 * as the JDK's CharsetDecoder on every text; at most 8 KiB of heap per idle connection. And those
 * of issue 20: the event-loop server ({@code socketlab-loop}) at or above Netty's messages per
 * second with p99 at or below Netty's in every load scenario both ran, and at most 4 KiB of heap
 * per idle connection. A target whose rows did not run (or were too noisy to publish) says so
 * instead of passing.
 */
final class Targets {

    /** One target: what is required, what was measured, and PASS / FAIL / "not measured". */
    record Check(String target, String measured, String verdict) {
    }

    private static final List<String> DECODE_PEERS = List.of("jetty", "nettyDirect", "nettyEmbeddedChannel", "javaWebSocket");
    private static final double IDLE_HEAP_LIMIT = 8 * 1024;
    private static final double LOOP_IDLE_HEAP_LIMIT = 4 * 1024;
    private static final String LOOP = "socketlab-loop";
    private static final String NETTY = "netty";

    private final Tables tables;
    private final List<CodecResult> codec;
    private final List<MemoryResult> memory;
    private final List<LoadResult> load;

    Targets(List<CodecResult> codec, List<MemoryResult> memory) {
        this(codec, List.of(), memory);
    }

    Targets(List<CodecResult> codec, List<LoadResult> load, List<MemoryResult> memory) {
        this.load = load;
        this.tables = new Tables(codec);
        this.codec = codec;
        this.memory = memory;
    }

    List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        for (String size : List.of("16", "125")) {
            double ratio = tables.ops("DecodeBenchmark", "socketlab", size) / tables.ops("DecodeBenchmark", "jetty", size);
            checks.add(check("decode " + size + " B: ours ≥ 2× Jetty", ratio, ratio >= 2.0));
        }
        for (String size : params("DecodeBenchmark")) {
            double ours = tables.ops("DecodeBenchmark", "socketlab", size);
            double best = DECODE_PEERS.stream().mapToDouble(p -> tables.ops("DecodeBenchmark", p, size))
                    .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            checks.add(check("decode " + Tables.size(size) + ": ours ahead of the fastest peer", ours / best, ours > best));
            double alloc = tables.alloc("DecodeBenchmark", "socketlab", size);
            checks.add(new Check("decode " + Tables.size(size) + ": 0 B/op", Tables.bytes(alloc) + " B/op",
                    Double.isNaN(alloc) ? "not measured" : alloc < 0.5 ? "PASS" : "FAIL"));
        }
        for (String text : params("Utf8Benchmark")) {
            double ratio = tables.ops("Utf8Benchmark", "socketlab", text) / tables.ops("Utf8Benchmark", "jdkCharsetDecoder", text);
            checks.add(check("UTF-8 " + text + ": ours ≥ CharsetDecoder", ratio, ratio >= 1.0));
        }
        MemoryResult ours = memory.stream().filter(r -> r.server().equals("socketlab")).findFirst().orElse(null);
        checks.add(ours == null ? new Check("idle heap per connection ≤ 8 KiB", "–", "not measured")
                : new Check("idle heap per connection ≤ 8 KiB", Tables.kib(ours.heapPerConnection()),
                        ours.heapPerConnection() <= IDLE_HEAP_LIMIT ? "PASS" : "FAIL"));
        eventLoopChecks(checks);
        return checks;
    }

    /** Issue 20: the event loop against Netty, scenario by scenario, then its idle heap. */
    private void eventLoopChecks(List<Check> checks) {
        for (LoadResult loop : load.stream().filter(r -> r.scenario().server().equals(LOOP)).toList()) {
            LoadResult netty = load.stream().filter(r -> r.scenario().server().equals(NETTY)
                    && r.scenario().activeConnections() == loop.scenario().activeConnections()
                    && r.scenario().idleConnections() == loop.scenario().idleConnections()
                    && r.scenario().messageBytes() == loop.scenario().messageBytes()).findFirst().orElse(null);
            if (netty == null) {
                continue;
            }
            String scenario = loop.scenario().label().substring(LOOP.length() + 1);
            double ratio = loop.messagesPerSecond() / netty.messagesPerSecond();
            checks.add(check("event loop " + scenario + ": msgs/s ≥ Netty", ratio, ratio >= 1.0));
            checks.add(new Check("event loop " + scenario + ": p99 ≤ Netty",
                    String.format(Locale.ROOT, "%.0f µs vs %.0f µs", loop.p99Micros(), netty.p99Micros()),
                    loop.p99Micros() <= netty.p99Micros() ? "PASS" : "FAIL"));
        }
        MemoryResult loopMemory = memory.stream().filter(r -> r.server().equals(LOOP)).findFirst().orElse(null);
        if (loopMemory != null) {
            checks.add(new Check("event loop idle heap per connection ≤ 4 KiB", Tables.kib(loopMemory.heapPerConnection()),
                    loopMemory.heapPerConnection() <= LOOP_IDLE_HEAP_LIMIT ? "PASS" : "FAIL"));
        }
    }

    private List<String> params(String benchmark) {
        return codec.stream().filter(r -> r.benchmark().equals(benchmark)).map(CodecResult::param).distinct()
                .sorted((a, b) -> Long.compare(Long.parseLong(digitsOr(a)), Long.parseLong(digitsOr(b)))).toList();
    }

    private static String digitsOr(String param) {
        return param.chars().allMatch(Character::isDigit) && !param.isEmpty() ? param : "0";
    }

    private static Check check(String target, double ratio, boolean met) {
        boolean measured = !Double.isNaN(ratio) && !Double.isInfinite(ratio);
        return new Check(target, measured ? String.format(Locale.ROOT, "%.2f×", ratio) : "–",
                !measured ? "not measured" : met ? "PASS" : "FAIL");
    }
}
