package org.socketlab.labs.compression;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.socketlab.websocket.extension.MessageDeflater;
import org.socketlab.websocket.extension.MessageInflater;
import org.socketlab.websocket.frame.WebSocketProtocolException;

/**
 * Part 7: what compression costs. CPU: this thread's CPU time to compress and inflate chat
 * messages, per message. Memory: the resident-set growth of N deflaters (or inflaters) after one
 * message each, kept (context takeover: the window must survive) or released after the message
 * (no context takeover: {@code release()} frees zlib's state). zlib's state is native memory, so
 * the heap does not show it; RSS does (Linux {@code /proc/self/status}).
 */
public final class CompressionCost {

    /** Nanoseconds of CPU per message to compress it and to inflate it again. */
    public record Cpu(int messages, double compressNanos, double inflateNanos) {
    }

    /** Resident bytes per object; -1 when RSS cannot be read on this system. */
    public record Memory(int objects, double deflaterTakeover, double deflaterReleased, double inflaterTakeover,
                         double inflaterReleased) {
    }

    private CompressionCost() {
    }

    public static Cpu cpu(int messages) throws WebSocketProtocolException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ChatMessages source = new ChatMessages(11);
        List<byte[]> plain = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            plain.add(source.nextJson());
        }
        List<ByteBuffer> compressed = new ArrayList<>();
        long start = threads.getCurrentThreadCpuTime();
        try (MessageDeflater deflater = new MessageDeflater(false, -1)) {
            for (byte[] message : plain) {
                compressed.add(deflater.compress(ByteBuffer.wrap(message)));
            }
        }
        long compressTime = threads.getCurrentThreadCpuTime() - start;
        start = threads.getCurrentThreadCpuTime();
        try (MessageInflater inflater = new MessageInflater(false, 1 << 20)) {
            for (ByteBuffer payload : compressed) {
                inflater.feed(payload);
                inflater.finish();
            }
        }
        long inflateTime = threads.getCurrentThreadCpuTime() - start;
        return new Cpu(messages, compressTime / (double) messages, inflateTime / (double) messages);
    }

    public static Memory memory(int objects) throws IOException, WebSocketProtocolException {
        byte[] message = new byte[1024];
        ChatMessages source = new ChatMessages(13);
        for (int filled = 0; filled < message.length; ) {
            byte[] next = source.nextJson();
            int take = Math.min(next.length, message.length - filled);
            System.arraycopy(next, 0, message, filled, take);
            filled += take;
        }
        byte[] compressed;
        try (MessageDeflater once = new MessageDeflater(true, -1)) {
            ByteBuffer out = once.compress(ByteBuffer.wrap(message));
            compressed = new byte[out.remaining()];
            out.get(compressed);
        }
        // Everything stays alive until the end, so no row's freed memory is reused by the next.
        List<AutoCloseable> alive = new ArrayList<>();
        try {
            double inflaterReleased = perObject(objects, alive, () -> inflater(false, compressed));
            double deflaterReleased = perObject(objects, alive, () -> deflater(false, message));
            double inflaterTakeover = perObject(objects, alive, () -> inflater(true, compressed));
            double deflaterTakeover = perObject(objects, alive, () -> deflater(true, message));
            return new Memory(objects, deflaterTakeover, deflaterReleased, inflaterTakeover, inflaterReleased);
        } finally {
            for (AutoCloseable object : alive) {
                try {
                    object.close();
                } catch (Exception ignored) {
                    // zlib end() does not fail
                }
            }
        }
    }

    private interface Factory {
        AutoCloseable create() throws WebSocketProtocolException;
    }

    private static double perObject(int objects, List<AutoCloseable> alive, Factory factory) throws IOException, WebSocketProtocolException {
        long before = settledRss();
        for (int i = 0; i < objects; i++) {
            alive.add(factory.create());
        }
        long after = settledRss();
        return before < 0 ? -1 : (after - before) / (double) objects;
    }

    private static MessageDeflater deflater(boolean takeover, byte[] message) {
        MessageDeflater deflater = new MessageDeflater(!takeover, -1);
        deflater.compress(ByteBuffer.wrap(message));
        deflater.release(); // frees zlib's state only without context takeover
        return deflater;
    }

    private static MessageInflater inflater(boolean takeover, byte[] compressed) throws WebSocketProtocolException {
        MessageInflater inflater = new MessageInflater(!takeover, 1 << 20);
        inflater.feed(ByteBuffer.wrap(compressed));
        inflater.finish();
        inflater.release();
        return inflater;
    }

    /** VmRSS after full collections, read until it stops moving; -1 where /proc is missing. */
    static long settledRss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        long previous = Long.MIN_VALUE;
        long now = 0;
        for (int attempt = 0; attempt < 5 && now != previous; attempt++) {
            previous = now;
            System.gc();
            System.gc();
            now = Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(-1);
        }
        return now;
    }
}
