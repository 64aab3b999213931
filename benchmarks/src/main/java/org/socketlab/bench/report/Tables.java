package org.socketlab.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.socketlab.bench.CodecSuite.CodecResult;
import org.socketlab.bench.load.LoadResult;
import org.socketlab.bench.load.MemoryProbe.MemoryResult;

/**
 * Markdown tables of a run, every comparison a ratio within the same run (absolute numbers move
 * with the machine and its load; ratios are what the targets are stated in).
 */
public final class Tables {

    private final List<CodecResult> codec;

    public Tables(List<CodecResult> codec) {
        this.codec = codec;
    }

    /** ops/s of {@code benchmark.method} at {@code param}, NaN when it did not run. */
    public double ops(String benchmark, String method, String param) {
        return find(benchmark, method, param).map(CodecResult::opsPerSecond).orElse(Double.NaN);
    }

    /** Operations per CPU-second of the benchmark JVM; NaN when it did not run. */
    public double cpuOps(String benchmark, String method, String param) {
        return find(benchmark, method, param).map(CodecResult::opsPerCpuSecond).orElse(Double.NaN);
    }

    /** "a ÷ b" by CPU time, then by wall clock in parentheses: "2.10× (1.84×)". */
    private String ratio2(String benchmark, String a, String b, String param) {
        return ratio(cpuOps(benchmark, a, param) / cpuOps(benchmark, b, param)) + " ("
                + ratio(ops(benchmark, a, param) / ops(benchmark, b, param)) + ")";
    }

    public double alloc(String benchmark, String method, String param) {
        return find(benchmark, method, param).map(CodecResult::allocBytesPerOp).orElse(Double.NaN);
    }

    private java.util.Optional<CodecResult> find(String benchmark, String method, String param) {
        return codec.stream().filter(r -> r.benchmark().equals(benchmark) && r.method().equals(method)
                && Objects.equals(r.param(), param)).findFirst();
    }

    private List<String> params(String benchmark) {
        List<String> params = new ArrayList<>();
        codec.stream().filter(r -> r.benchmark().equals(benchmark)).map(CodecResult::param).distinct().forEach(params::add);
        params.sort((a, b) -> isNumber(a) && isNumber(b) ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : 0);
        return params;
    }

    private static boolean isNumber(String s) {
        return s.chars().allMatch(Character::isDigit) && !s.isEmpty();
    }

    public String decode() {
        StringBuilder md = header("Decode one masked client frame (ops/s, wall clock)", "size", "ours", "Jetty 12",
                "Netty direct", "Netty EmbeddedChannel", "Java-WebSocket", "fastest peer (CPU)",
                "ours ÷ fastest peer, CPU (wall)", "ours ÷ arraycopy, CPU (wall)", "ours B/op (worker thread)");
        for (String size : params("DecodeBenchmark")) {
            String fastest = null;
            for (String peer : List.of("jetty", "nettyDirect", "nettyEmbeddedChannel", "javaWebSocket")) {
                double v = cpuOps("DecodeBenchmark", peer, size);
                if (!Double.isNaN(v) && (fastest == null || v > cpuOps("DecodeBenchmark", fastest, size))) {
                    fastest = peer;
                }
            }
            row(md, size(size), num(ops("DecodeBenchmark", "socketlab", size)), num(ops("DecodeBenchmark", "jetty", size)),
                    num(ops("DecodeBenchmark", "nettyDirect", size)), num(ops("DecodeBenchmark", "nettyEmbeddedChannel", size)),
                    num(ops("DecodeBenchmark", "javaWebSocket", size)), fastest == null ? "–" : fastest,
                    fastest == null ? "–" : ratio2("DecodeBenchmark", "socketlab", fastest, size),
                    ratio2("DecodeBenchmark", "socketlab", "baselineArraycopy", size),
                    bytes(alloc("DecodeBenchmark", "socketlab", size)));
        }
        return md.toString();
    }

    public String encode() {
        StringBuilder md = header("Encode one binary frame (ops/s, wall clock)", "size", "ours masked", "Netty masked",
                "Java-WebSocket masked", "masked ours ÷ Netty, CPU (wall)", "masked ours ÷ arraycopy, CPU (wall)",
                "ours unmasked", "Netty unmasked", "Java-WebSocket unmasked", "unmasked ours ÷ Netty, CPU (wall)",
                "ours B/op (masked / unmasked)");
        for (String size : params("EncodeBenchmark")) {
            row(md, size(size), num(ops("EncodeBenchmark", "socketlabClient", size)),
                    num(ops("EncodeBenchmark", "nettyClient", size)), num(ops("EncodeBenchmark", "javaWebSocketClient", size)),
                    ratio2("EncodeBenchmark", "socketlabClient", "nettyClient", size),
                    ratio2("EncodeBenchmark", "socketlabClient", "baselineArraycopy", size),
                    num(ops("EncodeBenchmark", "socketlabServer", size)), num(ops("EncodeBenchmark", "nettyServer", size)),
                    num(ops("EncodeBenchmark", "javaWebSocketServer", size)),
                    ratio2("EncodeBenchmark", "socketlabServer", "nettyServer", size),
                    bytes(alloc("EncodeBenchmark", "socketlabClient", size)) + " / "
                            + bytes(alloc("EncodeBenchmark", "socketlabServer", size)));
        }
        return md.toString();
    }

    public String masking() {
        StringBuilder md = header("Masking alone (ops/s)", "size", "byte loop (applySimple)", "fast, heap", "fast, direct",
                "copy + mask", "arraycopy", "fast ÷ byte loop, CPU (wall)", "fast ÷ arraycopy, CPU (wall)");
        for (String size : params("MaskingBenchmark")) {
            double fast = ops("MaskingBenchmark", "fastHeap", size);
            row(md, size(size), num(ops("MaskingBenchmark", "simpleByteLoop", size)), num(fast),
                    num(ops("MaskingBenchmark", "fastDirect", size)), num(ops("MaskingBenchmark", "copyMasked", size)),
                    num(ops("MaskingBenchmark", "baselineArraycopy", size)),
                    ratio2("MaskingBenchmark", "fastHeap", "simpleByteLoop", size),
                    ratio2("MaskingBenchmark", "fastHeap", "baselineArraycopy", size));
        }
        return md.toString();
    }

    public String utf8AndHandshake() {
        StringBuilder md = header("UTF-8 validation of 16 KiB (ops/s)", "text", "ours", "JDK CharsetDecoder",
                "ours ÷ JDK, CPU (wall)", "ours B/op");
        for (String text : params("Utf8Benchmark")) {
            double ours = ops("Utf8Benchmark", "socketlab", text);
            double jdk = ops("Utf8Benchmark", "jdkCharsetDecoder", text);
            row(md, text, num(ours), num(jdk), ratio2("Utf8Benchmark", "socketlab", "jdkCharsetDecoder", text),
                    bytes(alloc("Utf8Benchmark", "socketlab", text)));
        }
        md.append('\n');
        StringBuilder hs = header("Opening handshake (ops/s)", "benchmark", "ops/s", "B/op");
        for (String method : List.of("socketlabParseAndAccept", "javaWebSocketParseAndAccept", "socketlabAcceptKey")) {
            row(hs, method, num(ops("HandshakeBenchmark", method, "upgrade")), bytes(alloc("HandshakeBenchmark", method, "upgrade")));
        }
        return md.append(hs).toString();
    }

    public static String load(List<LoadResult> results) {
        StringBuilder md = header("End to end echo, same client (messages/s and round-trip µs)", "connections", "message",
                "server", "msg/s", "p50", "p99", "p99.9", "msg/s ÷ Netty", "p99 ÷ Netty");
        for (LoadResult r : results) {
            LoadResult netty = results.stream().filter(n -> n.scenario().server().equals("netty")
                    && n.scenario().connections() == r.scenario().connections()
                    && n.scenario().messageBytes() == r.scenario().messageBytes()).findFirst().orElse(null);
            String conns = r.scenario().idleConnections() > 0
                    ? String.format(Locale.ROOT, "%,d (%d active)", r.scenario().connections(), r.scenario().activeConnections())
                    : Integer.toString(r.scenario().connections());
            row(md, conns, r.scenario().messageBytes() + " B", r.scenario().server(), num(r.messagesPerSecond()),
                    dec(r.p50Micros()), dec(r.p99Micros()), dec(r.p999Micros()),
                    netty == null ? "–" : ratio(r.messagesPerSecond() / netty.messagesPerSecond()),
                    netty == null ? "–" : ratio(r.p99Micros() / netty.p99Micros()));
        }
        return md.toString();
    }

    public static String memory(List<MemoryResult> results) {
        StringBuilder md = header("Memory per idle connection", "server", "connections", "heap / conn", "RSS / conn", "threads");
        for (MemoryResult r : results) {
            row(md, r.server(), String.format(Locale.ROOT, "%,d", r.connections()), kib(r.heapPerConnection()),
                    kib(r.rssPerConnection()), Integer.toString(r.threadsAfter()));
        }
        return md.toString();
    }

    private static StringBuilder header(String title, String... columns) {
        StringBuilder md = new StringBuilder("**").append(title).append("**\n\n|");
        for (String c : columns) {
            md.append(' ').append(c).append(" |");
        }
        md.append("\n|");
        md.append(" --- |".repeat(columns.length));
        return md.append('\n');
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String c : cells) {
            md.append(' ').append(c).append(" |");
        }
        md.append('\n');
    }

    static String size(String bytes) {
        long n = Long.parseLong(bytes);
        return n >= 1 << 20 ? (n >> 20) + " MiB" : n >= 1024 ? (n >> 10) + " KiB" : n + " B";
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 1e6 ? String.format(Locale.ROOT, "%.2f M", v / 1e6)
                : v >= 1e3 ? String.format(Locale.ROOT, "%.1f k", v / 1e3) : String.format(Locale.ROOT, "%.0f", v);
    }

    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, "%.2f×", v);
    }

    static String dec(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String bytes(double v) {
        return Double.isNaN(v) ? "–" : v < 0.5 ? "0" : String.format(Locale.ROOT, "%.0f", v);
    }

    static String kib(double v) {
        return String.format(Locale.ROOT, "%.1f KiB", v / 1024);
    }
}
