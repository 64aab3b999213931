package org.socketlab.bench.load;

import java.io.IOException;
import java.util.List;
import org.socketlab.bench.report.ForeignCpu;
import org.socketlab.bench.report.LoadAverage;

/**
 * Memory per idle connection: start a server in its own JVM, measure its heap (after a full GC)
 * and RSS, open {@code connections} idle WebSocket connections, measure again; the difference
 * divided by the count is what one idle connection costs that server.
 */
public final class MemoryProbe {

    /**
     * Per-connection cost of one server kind; bytes, with the raw before/after numbers, the
     * one-minute load average before and after the probe, and the cores' worth of CPU other
     * processes used during it ({@link ForeignCpu}).
     */
    public record MemoryResult(String server, int connections, long heapBefore, long heapAfter,
                               long rssBefore, long rssAfter, int threadsAfter, double loadBefore, double loadAfter,
                               double foreignCores) {

        /**
         * Opening 10,000 connections loads the machine by itself, so the rule is other processes'
         * CPU during it ({@link LoadAverage#quietWhileLoaded}).
         */
        public boolean quiet() {
            return LoadAverage.quietWhileLoaded(foreignCores);
        }

        public double heapPerConnection() {
            return (heapAfter - heapBefore) / (double) connections;
        }

        public double rssPerConnection() {
            return (rssAfter - rssBefore) / (double) connections;
        }
    }

    private MemoryProbe() {
    }

    public static MemoryResult measure(String kind, int connections) throws IOException {
        double loadBefore = LoadAverage.now();
        ForeignCpu.Snapshot cpuBefore = ForeignCpu.take();
        try (ServerProcess server = ServerProcess.start(kind, "2g")) {
            ServerProcess.Memory before = server.memory();
            List<EchoConnection> idle = LoadGenerator.open(server.address(), server.path(), connections);
            try {
                ServerProcess.Memory after = server.memory();
                return new MemoryResult(kind, connections, before.heapBytes(), after.heapBytes(),
                        before.rssBytes(), after.rssBytes(), after.threads(), loadBefore, LoadAverage.now(),
                        ForeignCpu.foreignCores(cpuBefore, ForeignCpu.take()));
            } finally {
                LoadGenerator.closeAll(idle);
            }
        }
    }
}
