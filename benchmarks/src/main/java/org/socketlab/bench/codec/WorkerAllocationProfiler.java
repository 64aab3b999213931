package org.socketlab.bench.codec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports {@code alloc.worker.norm}: bytes allocated per operation by the benchmark's own worker
 * threads only. JMH's {@code gc.alloc.rate.norm} divides what <em>every</em> thread of the fork
 * allocated (JMH's bookkeeping, the profilers' own {@code /proc} reads) by the operations; at
 * 1 MiB frames (13 k ops/s) that background alone reads as 2 B/op for a decoder that allocates
 * nothing. Worker threads are the ones JMH names {@code ...-jmhWorker-N}.
 */
public final class WorkerAllocationProfiler implements InternalProfiler {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> before = new HashMap<>();

    @Override
    public String getDescription() {
        return "bytes allocated per operation by the JMH worker threads alone (B/op)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before.clear();
        for (long id : workerIds()) {
            before.put(id, THREADS.getThreadAllocatedBytes(id));
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long allocated = 0;
        for (long id : workerIds()) {
            long now = THREADS.getThreadAllocatedBytes(id);
            if (now >= 0) {
                allocated += now - before.getOrDefault(id, 0L); // a worker started mid-iteration counts from 0
            }
        }
        long ops = result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : (double) allocated / ops;
        return List.of(new ScalarResult("alloc.worker.norm", perOp, "B/op", AggregationPolicy.AVG));
    }

    private static long[] workerIds() {
        ThreadInfo[] infos = THREADS.getThreadInfo(THREADS.getAllThreadIds(), 0);
        return java.util.Arrays.stream(infos)
                .filter(info -> info != null && info.getThreadName().contains("jmhWorker"))
                .mapToLong(ThreadInfo::getThreadId).toArray();
    }
}
