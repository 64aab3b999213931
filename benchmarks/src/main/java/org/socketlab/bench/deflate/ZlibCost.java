package org.socketlab.bench.deflate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.socketlab.bench.load.EchoServerProcess;
import org.socketlab.bench.report.LoadAverage;
import org.socketlab.websocket.extension.MessageDeflater;
import org.socketlab.websocket.extension.MessageInflater;

/**
 * What one {@link MessageDeflater} and one {@link MessageInflater} cost, alone: N of them in this
 * JVM after one ~1 KiB message each, RSS growth divided by N (zlib's state is native memory, so
 * the heap does not show it), kept (context takeover) and released after the message (no context
 * takeover, {@code release()}).
 */
final class ZlibCost {

    record Row(String object, boolean takeover, int count, double rssPerObject, double loadBefore, double loadAfter) {

        boolean quiet() {
            return LoadAverage.quiet(loadBefore, loadAfter);
        }

        String line() {
            return String.format(Locale.ROOT, "zlib %-16s %-22s N=%-6d RSS %8.0f B each  load %.2f→%.2f%s", object,
                    takeover ? "context takeover" : "no takeover, released", count, rssPerObject, loadBefore, loadAfter,
                    quiet() ? "" : "  NOISY: not publishable");
        }
    }

    private ZlibCost() {
    }

    static List<Row> measure(int count) throws Exception {
        byte[] message = new byte[1024];
        ChatJson chat = new ChatJson(7);
        for (int filled = 0; filled < message.length; ) {
            byte[] next = chat.next();
            int take = Math.min(next.length, message.length - filled);
            System.arraycopy(next, 0, message, filled, take);
            filled += take;
        }
        byte[] compressed = compressedOnce(message);
        List<Row> rows = new ArrayList<>();
        // Every object stays alive until all rows are measured: freeing one row's zlib memory
        // before the next row's reading would let malloc hand it back and hide the next row's growth.
        List<AutoCloseable> alive = new ArrayList<>();
        try {
            for (boolean takeover : new boolean[] {false, true}) {
                rows.add(inflaters(count, takeover, compressed, alive));
                rows.add(deflaters(count, takeover, message, alive));
            }
        } finally {
            for (AutoCloseable object : alive) {
                object.close();
            }
        }
        return rows;
    }

    private static byte[] compressedOnce(byte[] message) {
        try (MessageDeflater deflater = new MessageDeflater(true, -1)) {
            ByteBuffer out = deflater.compress(ByteBuffer.wrap(message));
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        }
    }

    private static Row deflaters(int count, boolean takeover, byte[] message, List<AutoCloseable> alive) throws Exception {
        double loadBefore = LoadAverage.now();
        long before = settledRss();
        List<AutoCloseable> kept = alive;
        for (int i = 0; i < count; i++) {
            MessageDeflater deflater = new MessageDeflater(!takeover, -1);
            deflater.compress(ByteBuffer.wrap(message));
            deflater.release(); // frees zlib's state only without takeover
            kept.add(deflater);
        }
        long after = settledRss();
        return new Row("MessageDeflater", takeover, count, (after - before) / (double) count, loadBefore, LoadAverage.now());
    }

    private static Row inflaters(int count, boolean takeover, byte[] compressed, List<AutoCloseable> alive) throws Exception {
        double loadBefore = LoadAverage.now();
        long before = settledRss();
        List<AutoCloseable> kept = alive;
        for (int i = 0; i < count; i++) {
            MessageInflater inflater = new MessageInflater(!takeover, 1 << 20);
            inflater.feed(ByteBuffer.wrap(compressed));
            inflater.finish();
            inflater.release();
            kept.add(inflater);
        }
        long after = settledRss();
        return new Row("MessageInflater", takeover, count, (after - before) / (double) count, loadBefore, LoadAverage.now());
    }

    /** RSS after full GCs, read twice until it stops moving (the heap shrinks after a GC, which would hide zlib's growth). */
    private static long settledRss() throws Exception {
        long previous = Long.MIN_VALUE;
        long now = 0;
        for (int attempt = 0; attempt < 5 && now != previous; attempt++) {
            previous = now;
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            now = EchoServerProcess.residentSetBytes();
        }
        return now;
    }
}
