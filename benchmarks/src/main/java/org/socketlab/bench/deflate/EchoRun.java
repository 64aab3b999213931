package org.socketlab.bench.deflate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.socketlab.bench.load.ServerProcess;
import org.socketlab.bench.report.ForeignCpu;
import org.socketlab.bench.report.LoadAverage;

/**
 * One echo row: C connections (one virtual thread each) echo chat JSON or random bytes in a closed
 * loop for the warm-up, then for the measured time; messages per second and the wire bytes per
 * message in each direction, counted by the client after the handshake.
 */
final class EchoRun {

    /** One measured row. */
    record Row(String server, boolean compressed, boolean random, int connections, double messagesPerSecond,
               double bytesSentPerMessage, double bytesReceivedPerMessage, double rawBytesPerMessage,
               double loadBefore, double loadAfter, double foreignCores) {

        /** The run loads both cores itself: judged by others' CPU during it ({@link LoadAverage#quietWhileLoaded}). */
        boolean quiet() {
            return LoadAverage.quietWhileLoaded(foreignCores);
        }

        String payload() {
            return random ? "random bytes" : "chat JSON";
        }

        String line() {
            return String.format(Locale.ROOT, "%-24s %-12s C=%-4d %10.0f msg/s  C->S %7.1f B/msg  S->C %7.1f B/msg"
                    + "  (message %.1f B)  load %.2f→%.2f, others' CPU %.2f cores%s", server, payload(), connections, messagesPerSecond,
                    bytesSentPerMessage, bytesReceivedPerMessage, rawBytesPerMessage, loadBefore, loadAfter, foreignCores,
                    quiet() ? "" : "  NOISY: not publishable");
        }
    }

    private EchoRun() {
    }

    static Row measure(ServerProcess server, boolean compressed, boolean random, int connections,
                       double warmupSeconds, double seconds) throws Exception {
        double loadBefore = LoadAverage.now();
        ForeignCpu.Snapshot cpuBefore = ForeignCpu.take();
        List<DeflateConnection> open = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                open.add(DeflateConnection.open(server.address(), server.path(), compressed, 0x7692L + i));
            }
            // One generator per connection for both phases: the measured messages must not repeat the
            // warm-up's, or a compressor with context takeover finds them in its window.
            List<ChatJson> sources = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                sources.add(new ChatJson(i));
            }
            drive(open, sources, random, warmupSeconds, new long[connections][3]);
            long[][] counts = new long[connections][3];
            long[] before = new long[2];
            for (DeflateConnection connection : open) {
                before[0] += connection.bytesSent();
                before[1] += connection.bytesReceived();
            }
            drive(open, sources, random, seconds, counts);
            long messages = 0;
            long rawBytes = 0;
            long sent = -before[0];
            long received = -before[1];
            for (int i = 0; i < connections; i++) {
                messages += counts[i][0];
                rawBytes += counts[i][1];
                sent += open.get(i).bytesSent();
                received += open.get(i).bytesReceived();
            }
            return new Row(server.kind(), compressed, random, connections, messages / seconds,
                    sent / (double) messages, received / (double) messages, rawBytes / (double) messages,
                    loadBefore, LoadAverage.now(), ForeignCpu.foreignCores(cpuBefore, ForeignCpu.take()));
        } finally {
            for (DeflateConnection connection : open) {
                connection.close();
            }
        }
    }

    /** Each connection echoes until the time is up; counts[i] = {messages, raw message bytes}. */
    private static void drive(List<DeflateConnection> connections, List<ChatJson> sources, boolean random, double seconds,
                              long[][] counts)
            throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> {
                ChatJson messages = sources.get(index);
                try {
                    while (!stop.get() && System.nanoTime() < deadline) {
                        byte[] message = random ? messages.nextRandom() : messages.next();
                        connections.get(index).echo(message, !random);
                        counts[index][0]++;
                        counts[index][1] += message.length;
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    stop.set(true);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
