package org.socketlab.bench;

import java.time.Duration;
import java.util.List;

/**
 * How long and how wide a suite run is. {@link #FULL} is what the README's table comes from;
 * {@link #QUICK} runs every benchmark once, briefly, so CI notices when one stops working (it
 * proves nothing about speed).
 *
 * @param jmhWarmupIterations     JMH warm-up iterations per benchmark
 * @param jmhMeasureIterations    JMH measured iterations per benchmark
 * @param jmhIterationTime        length of each JMH iteration
 * @param jmhForks                0 runs in this JVM (fast, less isolated), 1 forks a fresh JVM per benchmark
 * @param sizes                   payload sizes for the codec benchmarks' {@code size} parameter
 * @param utf8Texts               texts for the UTF-8 benchmark
 * @param loadConnections         active connection counts of the load runs
 * @param loadMessageBytes        message sizes of the load runs
 * @param loadWarmup              unrecorded start of each load run
 * @param loadMeasure             recorded window of each load run
 * @param idleConnections         connections of the idle-plus-active run and the memory probe (0: skip both)
 * @param idleActiveConnections   active connections among the idle ones
 */
public record SuiteProfile(String name, int jmhWarmupIterations, int jmhMeasureIterations, Duration jmhIterationTime,
                           int jmhForks, List<String> sizes, List<String> utf8Texts, List<Integer> loadConnections,
                           List<Integer> loadMessageBytes, Duration loadWarmup, Duration loadMeasure,
                           int idleConnections, int idleActiveConnections) {

    public static final List<String> ALL_SIZES = List.of("16", "125", "1024", "65536", "1048576");

    /** The documented full run: JMH forks 1, 3×1 s warm-up, 5×1 s measurement, GC profiler. */
    public static final SuiteProfile FULL = new SuiteProfile("full", 3, 5, Duration.ofSeconds(1), 1,
            ALL_SIZES, List.of("ascii", "greek2", "hangul3", "emoji4", "mixed"), List.of(1, 16, 256),
            List.of(125, 16 * 1024), Duration.ofSeconds(2), Duration.ofSeconds(5), 10_000, 16);

    /** The CI smoke profile: every benchmark once, in-process, 50 ms; 1 s load runs at C=1. */
    public static final SuiteProfile QUICK = new SuiteProfile("quick", 0, 1, Duration.ofMillis(50), 0,
            List.of("125"), List.of("mixed"), List.of(1), List.of(125), Duration.ofMillis(200),
            Duration.ofSeconds(1), 0, 0);

    public static SuiteProfile named(String name) {
        return switch (name) {
            case "full" -> FULL;
            case "quick" -> QUICK;
            default -> throw new IllegalArgumentException("unknown profile " + name + "; expected full or quick");
        };
    }
}
