package org.socketlab.bench.load;

/**
 * What a load run measured: echoed messages per second over the measurement window and the
 * round-trip latency percentiles in microseconds (HdrHistogram, 3 significant digits); connections
 * that failed during the run, with the first failure's description (empty when none failed); the
 * one-minute load average before and after the run.
 */
public record LoadResult(LoadScenario scenario, long messages, double messagesPerSecond,
                         double p50Micros, double p99Micros, double p999Micros, double maxMicros,
                         int failedConnections, String firstFailure, double loadBefore, double loadAfter) {

    /** The same measurement with the load averages taken around it. */
    public LoadResult withLoad(double before, double after) {
        return new LoadResult(scenario, messages, messagesPerSecond, p50Micros, p99Micros, p999Micros, maxMicros,
                failedConnections, firstFailure, before, after);
    }

    /** Measured at most 1 per core (see {@link org.socketlab.bench.report.LoadAverage}). */
    public boolean quiet() {
        return org.socketlab.bench.report.LoadAverage.quiet(loadBefore, loadAfter);
    }
}
