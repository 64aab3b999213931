package org.socketlab.bench.load;

import java.io.IOException;
import java.util.List;

/**
 * Memory per idle connection: start a server in its own JVM, measure its heap (after a full GC)
 * and RSS, open {@code connections} idle WebSocket connections, measure again; the difference
 * divided by the count is what one idle connection costs that server.
 */
public final class MemoryProbe {

    /** Per-connection cost of one server kind; bytes, with the raw before/after numbers. */
    public record MemoryResult(String server, int connections, long heapBefore, long heapAfter,
                               long rssBefore, long rssAfter, int threadsAfter) {

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
        try (ServerProcess server = ServerProcess.start(kind, "2g")) {
            ServerProcess.Memory before = server.memory();
            List<EchoConnection> idle = LoadGenerator.open(server.address(), server.path(), connections);
            try {
                ServerProcess.Memory after = server.memory();
                return new MemoryResult(kind, connections, before.heapBytes(), after.heapBytes(),
                        before.rssBytes(), after.rssBytes(), after.threads());
            } finally {
                LoadGenerator.closeAll(idle);
            }
        }
    }
}
