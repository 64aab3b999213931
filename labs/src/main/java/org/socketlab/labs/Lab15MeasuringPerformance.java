package org.socketlab.labs;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Lab 15 — measuring performance. Runs a few of the codec benchmarks through JMH's Runner API
 * with a small configuration and explains what the numbers mean: throughput as a ratio within
 * one run, allocation per operation from the GC profiler, and where the time goes (the masking
 * fast path) from JMH's stack profiler. Guide: labs/guides/15-measuring-performance.md.
 *
 * <pre>mvn -q compile exec:exec -pl labs -am -Dlab=15            (about a minute)
 * ... -Dmain=org.socketlab.labs.Lab15MeasuringPerformance -Dargs=--quick   (seconds, in-process)</pre>
 */
public final class Lab15MeasuringPerformance {

    static final String TITLE = "Measuring performance";
    static final String SUMMARY = "JMH: masking loops, decode beside Netty and Jetty, allocation per op, a stack profile";

    private static final String CODEC = "org\\.socketlab\\.bench\\.codec\\.";

    private final boolean quick;
    private final Map<String, Double> maskingGigabytesPerSecond = new LinkedHashMap<>();
    private final Map<String, Double> decodeOpsPerSecond = new LinkedHashMap<>();

    private Lab15MeasuringPerformance(boolean quick) {
        this.quick = quick;
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="15 --help"}. */
    @Command(name = "lab 15", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options {
        @Option(names = "--quick", description = "in-process, short runs: rough numbers in a minute")
        boolean quick;
    }

    public static void main(String[] args) throws RunnerException {
        boolean quick = Cli.parse(new Options(), args).quick;
        Lab15MeasuringPerformance lab = new Lab15MeasuringPerformance(quick);
        System.out.println("Lab 15 — measuring performance" + (quick ? " (quick: in-process, numbers are rough)" : ""));
        lab.step1MaskingLoops();
        lab.step2DecodeAgainstPeers();
        lab.step3WhereTheTimeGoes();
        lab.charts();
        System.out.println("\nDone. Next: labs/guides/15-measuring-performance.md, section \"Experiments\"; the full suite:"
                + " mvn -q -pl benchmarks -am compile exec:exec -Dsuite=full");
    }

    private ChainedOptionsBuilder options(String include) {
        ChainedOptionsBuilder options = new OptionsBuilder().include(include).shouldFailOnError(true);
        if (Runtime.version().feature() >= 23) {
            // JMH 1.37 reads fields through sun.misc.Unsafe; JDK 23+ warns in every fork (JEP 471) unless allowed.
            options = options.jvmArgsAppend("--sun-misc-unsafe-memory-access=allow");
        }
        if (quick) {
            return options.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
        }
        // One fresh JVM per benchmark, a short warm-up so the JIT has compiled the hot loop.
        return options.forks(1).warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
    }

    /** Step 1: the RFC's byte loop against the 8-bytes-at-a-time loop, with arraycopy as the ceiling. */
    private void step1MaskingLoops() throws RunnerException {
        System.out.println("""

                Step 1. Masking 64 KiB (RFC 6455 §5.3): Masking.applySimple (one byte per step, as the RFC
                states it), Masking.apply (a long per step via a VarHandle view), and System.arraycopy,
                which only moves memory and so bounds what any loop over the bytes can reach.""");
        Collection<RunResult> runs = new Runner(options(CODEC + "MaskingBenchmark\\.(simpleByteLoop|fastHeap|baselineArraycopy)$")
                .param("size", "65536").build()).run();
        double simple = score(runs, "simpleByteLoop");
        double fast = score(runs, "fastHeap");
        double copy = score(runs, "baselineArraycopy");
        maskingGigabytesPerSecond.put("byte loop (applySimple)", simple * 65536 / 1e9);
        maskingGigabytesPerSecond.put("fast path (apply)", fast * 65536 / 1e9);
        maskingGigabytesPerSecond.put("System.arraycopy", copy * 65536 / 1e9);
        System.out.printf(Locale.ROOT, "  byte loop   %,14.0f ops/s = %6.2f GB/s%n", simple, simple * 65536 / 1e9);
        System.out.printf(Locale.ROOT, "  fast path   %,14.0f ops/s = %6.2f GB/s  (%.1f× the byte loop)%n", fast,
                fast * 65536 / 1e9, fast / simple);
        System.out.printf(Locale.ROOT, "  arraycopy   %,14.0f ops/s = %6.2f GB/s  (fast path is %.2f× arraycopy)%n", copy,
                copy * 65536 / 1e9, fast / copy);
        System.out.println("  Read the ratios, not the absolute numbers: they hold on a busy machine, the others do not.");
    }

    /** Step 2: our decoder beside Jetty's and Netty's, with bytes allocated per decoded frame. */
    private void step2DecodeAgainstPeers() throws RunnerException {
        System.out.println("""

                Step 2. Decode one masked client frame of 125 B: header, then unmask. Same wire bytes for
                everyone; the GC profiler (gc.alloc.rate.norm) reports bytes allocated per operation.""");
        Collection<RunResult> runs = new Runner(options(CODEC + "DecodeBenchmark\\.(socketlab|socketlabFrameRecord|jetty|nettyDirect)$")
                .param("size", "125").addProfiler(GCProfiler.class).build()).run();
        double ours = score(runs, "socketlab");
        for (String method : List.of("socketlab", "socketlabFrameRecord", "jetty", "nettyDirect")) {
            double ops = score(runs, method);
            decodeOpsPerSecond.put(method, ops);
            System.out.printf(Locale.ROOT, "  %-22s %,14.0f ops/s  %6.0f B/op  (ours is %.2f× this)%n", method, ops,
                    secondary(runs, method, "gc.alloc.rate.norm"), ours / ops);
        }
        System.out.println("  socketlab fills a reused DecodedFrame view and allocates nothing; socketlabFrameRecord"
                + " returns a new Frame and a slice each time — the same work plus two objects.");
    }

    /**
     * Step 3: where the time goes, from Flight Recorder's execution samples. JMH's stack profiler
     * samples at safepoints only, so half its samples landed on the harness loop's safepoint poll
     * and showed as "<stack is empty, everything is filtered?>"; JFR with -XX:+DebugNonSafepoints
     * samples asynchronously and attributes the time to the method running.
     */
    private void step3WhereTheTimeGoes() throws RunnerException {
        System.out.println("""

                Step 3. Where does a 64 KiB decode spend its time? Flight Recorder samples the benchmark
                thread every 10 ms (JMH's -prof jfr, not at safepoints); each sample counts for the method
                of ours that was running. Look for Masking.applyToArray: the XOR loop is the work;
                parsing the header is a few nanoseconds.""");
        Path jfrDirectory = Path.of("target", "lab15", "jfr").toAbsolutePath();
        new Runner(options(CODEC + "DecodeBenchmark\\.socketlab$").forks(1).param("size", "65536")
                .addProfiler(JavaFlightRecorderProfiler.class, "dir=" + jfrDirectory + ";configName=profile")
                .build()).run();
        try {
            Optional<Path> recording = ExecutionSamples.newestRecording(jfrDirectory);
            if (recording.isEmpty()) {
                System.out.println("  (no recording found under " + jfrDirectory + ")");
                return;
            }
            System.out.println("  recording: " + recording.get());
            ExecutionSamples.topFrames(recording.get(), "jmh-worker", 5)
                    .forEach(line -> System.out.println("  " + line));
        } catch (IOException e) {
            System.out.println("  could not read the recording: " + e.getMessage());
        }
    }

    /** The numbers of steps 1 and 2 as bar charts (XChart PNGs) under target/lab15/. */
    private void charts() {
        if (maskingGigabytesPerSecond.isEmpty() || decodeOpsPerSecond.isEmpty()) {
            return;
        }
        try {
            Path directory = Path.of("target", "lab15");
            Path masking = BarChart.write(directory.resolve("masking.png"), "Masking 64 KiB", "GB/s",
                    maskingGigabytesPerSecond);
            Path decode = BarChart.write(directory.resolve("decode.png"), "Decoding one 125-byte masked frame",
                    "operations per second", decodeOpsPerSecond);
            System.out.println("\nCharts: " + masking.toAbsolutePath() + ", " + decode.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("\nCharts not written: " + e.getMessage());
        }
    }

    private static double score(Collection<RunResult> runs, String method) {
        return find(runs, method).getPrimaryResult().getScore();
    }

    private static double secondary(Collection<RunResult> runs, String method, String name) {
        Result<?> result = find(runs, method).getSecondaryResults().get(name);
        return result == null ? Double.NaN : result.getScore();
    }

    private static RunResult find(Collection<RunResult> runs, String method) {
        return runs.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .orElseThrow(() -> new IllegalStateException("benchmark " + method + " did not run"));
    }
}
