package org.socketlab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.socketlab.bench.codec.CpuTimeProfiler;
import org.socketlab.bench.codec.LoadAverageProfiler;
import org.socketlab.bench.codec.WorkerAllocationProfiler;
import org.socketlab.bench.report.LoadAverage;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH codec benchmarks through JMH's Runner API and flattens the results. */
public final class CodecSuite {

    /**
     * One benchmark at one parameter value: ops/s and bytes allocated per op (GC profiler), and the
     * highest one-minute load average at the start and end of its measured iterations.
     */
    public record CodecResult(String benchmark, String method, String param, double opsPerSecond,
                              double opsError, double allocBytesPerOp, double cpuNanosPerOp,
                              double loadBefore, double loadAfter) {

        /** Measured at most 1 per core (see {@link LoadAverage}); only quiet rows are published. */
        public boolean quiet() {
            return LoadAverage.quiet(loadBefore, loadAfter);
        }

        /** Operations per CPU-second of the benchmark JVM (see {@link CpuTimeProfiler}). */
        public double opsPerCpuSecond() {
            return 1e9 / cpuNanosPerOp;
        }
    }

    /** Benchmarks the suite runs (regexes over class names). */
    public static final String INCLUDE = "org\\.socketlab\\.bench\\.codec\\..*Benchmark\\..*";

    private CodecSuite() {
    }

    public static List<CodecResult> run(SuiteProfile profile, Path jsonOut, String include) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(profile.jmhForks())
                .warmupIterations(profile.jmhWarmupIterations())
                .warmupTime(TimeValue.milliseconds(profile.jmhIterationTime().toMillis()))
                .measurementIterations(profile.jmhMeasureIterations())
                .measurementTime(TimeValue.milliseconds(profile.jmhIterationTime().toMillis()))
                .param("size", profile.sizes().toArray(String[]::new))
                .param("text", profile.utf8Texts().toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .addProfiler(CpuTimeProfiler.class)
                .addProfiler(LoadAverageProfiler.class)
                .addProfiler(WorkerAllocationProfiler.class)
                .shouldFailOnError(true);
        if (jsonOut != null) {
            options.result(jsonOut.toString()).resultFormat(ResultFormatType.JSON);
        }
        return flatten(new Runner(options.build()).run());
    }

    static List<CodecResult> flatten(Collection<RunResult> runs) {
        List<CodecResult> results = new ArrayList<>();
        for (RunResult run : runs) {
            String full = run.getParams().getBenchmark();
            int dot = full.lastIndexOf('.');
            String benchmark = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
            String param = run.getParams().getParamsKeys().isEmpty() ? ""
                    : run.getParams().getParam(run.getParams().getParamsKeys().iterator().next());
            Result<?> primary = run.getPrimaryResult();
            // The worker threads' own allocation; JMH's gc.alloc.rate.norm also counts its bookkeeping.
            Result<?> alloc = run.getSecondaryResults().getOrDefault("alloc.worker.norm",
                    run.getSecondaryResults().get("gc.alloc.rate.norm"));
            Result<?> cpu = run.getSecondaryResults().get("cpu.time.norm");
            Result<?> loadBefore = run.getSecondaryResults().get("load.before");
            Result<?> loadAfter = run.getSecondaryResults().get("load.after");
            results.add(new CodecResult(benchmark, full.substring(dot + 1), param, primary.getScore(),
                    Double.isNaN(primary.getScoreError()) ? 0 : primary.getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore(), cpu == null ? Double.NaN : cpu.getScore(),
                    loadBefore == null ? Double.NaN : loadBefore.getScore(),
                    loadAfter == null ? Double.NaN : loadAfter.getScore()));
        }
        return results;
    }
}
