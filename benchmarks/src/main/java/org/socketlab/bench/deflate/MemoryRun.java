package org.socketlab.bench.deflate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.socketlab.bench.load.ServerProcess;
import org.socketlab.bench.report.ForeignCpu;
import org.socketlab.bench.report.LoadAverage;

/**
 * Memory per connection in the server's JVM: heap (after a full GC) and RSS before and after N
 * connections that each echoed one 1 KiB-ish chat message (so a compressing server has created
 * its zlib state) and then stay open, idle. The difference per connection, compared between the
 * same server with and without compression, is what permessage-deflate costs an idle connection.
 */
final class MemoryRun {

    record Row(String server, int connections, double heapPerConnection, double rssPerConnection,
               double loadBefore, double loadAfter, double foreignCores) {

        /** Opening the connections loads the machine itself: judged by others' CPU ({@link LoadAverage#quietWhileLoaded}). */
        boolean quiet() {
            return LoadAverage.quietWhileLoaded(foreignCores);
        }

        String line() {
            return String.format(Locale.ROOT, "memory %-24s N=%-6d heap %8.0f B/conn  RSS %8.0f B/conn  load %.2f→%.2f, others' CPU %.2f%s",
                    server, connections, heapPerConnection, rssPerConnection, loadBefore, loadAfter, foreignCores,
                    quiet() ? "" : "  NOISY: not publishable");
        }
    }

    private MemoryRun() {
    }

    static Row measure(String kind, int connections) throws Exception {
        double loadBefore = LoadAverage.now();
        ForeignCpu.Snapshot cpuBefore = ForeignCpu.take();
        boolean compressed = kind.endsWith("deflate") || kind.endsWith("reset");
        try (ServerProcess server = ServerProcess.start(kind, "2g")) {
            ServerProcess.Memory before = server.memory();
            List<DeflateConnection> open = new ArrayList<>();
            try {
                ChatJson messages = new ChatJson(42);
                for (int i = 0; i < connections; i++) {
                    DeflateConnection connection = DeflateConnection.open(server.address(), server.path(), compressed, i);
                    open.add(connection);
                    byte[] message = (new String(messages.next(), java.nio.charset.StandardCharsets.UTF_8).repeat(6))
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    connection.echo(message, true);
                }
                ServerProcess.Memory after = server.memory();
                return new Row(kind, connections, (after.heapBytes() - before.heapBytes()) / (double) connections,
                        (after.rssBytes() - before.rssBytes()) / (double) connections, loadBefore, LoadAverage.now(),
                        ForeignCpu.foreignCores(cpuBefore, ForeignCpu.take()));
            } finally {
                for (DeflateConnection connection : open) {
                    connection.close();
                }
            }
        }
    }
}
