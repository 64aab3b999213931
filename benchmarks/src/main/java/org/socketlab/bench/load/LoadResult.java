package org.socketlab.bench.load;

/**
 * What a load run measured: echoed messages per second over the measurement window and the
 * round-trip latency percentiles in microseconds (HdrHistogram, 3 significant digits); connections
 * that failed during the run, with the first failure's description (empty when none failed).
 */
public record LoadResult(LoadScenario scenario, long messages, double messagesPerSecond,
                         double p50Micros, double p99Micros, double p999Micros, double maxMicros,
                         int failedConnections, String firstFailure) {
}
