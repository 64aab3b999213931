/**
 * The benchmark suite: {@link org.socketlab.bench.BenchmarkSuite} runs the JMH codec benchmarks
 * ({@code codec}), the end-to-end load runs and the memory probe ({@code load}) and writes the
 * report ({@code report}). Every comparison is a ratio within one run.
 *
 * <p>Concurrency: the suite is driven from one thread; JMH and the load generator manage their
 * own threads. Nothing here is meant to be shared between threads by callers.
 */
package org.socketlab.bench;
