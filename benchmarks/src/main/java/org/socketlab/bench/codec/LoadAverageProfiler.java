package org.socketlab.bench.codec;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.socketlab.bench.report.LoadAverage;

/**
 * Reports {@code load.before} and {@code load.after}: the one-minute load average at the start
 * and at the end of each measured iteration, the highest of each kept (a row is only as quiet as
 * its noisiest iteration). The suite refuses to publish rows measured above 1 per core.
 */
public final class LoadAverageProfiler implements InternalProfiler {

    private double before;

    @Override
    public String getDescription() {
        return "one-minute load average before and after each iteration (highest kept)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = LoadAverage.now();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        return List.of(new ScalarResult("load.before", before, "load", AggregationPolicy.MAX),
                new ScalarResult("load.after", LoadAverage.now(), "load", AggregationPolicy.MAX));
    }
}
