package org.socketlab.bench.load;

/**
 * What a load run measured: echoed messages per second over the measurement window and the
 * round-trip latency percentiles in microseconds (HdrHistogram, 3 significant digits); connections
 * that failed during the run, with the first failure's description (empty when none failed); the
 * one-minute load average before and after the run, and the cores' worth of CPU other processes
 * used during it ({@link org.socketlab.bench.report.ForeignCpu}).
 */
public record LoadResult(LoadScenario scenario, long messages, double messagesPerSecond,
                         double p50Micros, double p99Micros, double p999Micros, double maxMicros,
                         int failedConnections, String firstFailure, double loadBefore, double loadAfter,
                         double foreignCores) {

    /** The same measurement with the load averages and the foreign CPU taken around it. */
    public LoadResult withLoad(double before, double after, double foreign) {
        return new LoadResult(scenario, messages, messagesPerSecond, p50Micros, p99Micros, p999Micros, maxMicros,
                failedConnections, firstFailure, before, after, foreign);
    }

    /**
     * The run loads the machine itself (load generator and server on both cores), so the rule is
     * other processes' CPU during it
     * ({@link org.socketlab.bench.report.LoadAverage#quietWhileLoaded}).
     */
    public boolean quiet() {
        return org.socketlab.bench.report.LoadAverage.quietWhileLoaded(foreignCores);
    }
}
