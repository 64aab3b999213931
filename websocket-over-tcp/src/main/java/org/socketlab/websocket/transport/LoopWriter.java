package org.socketlab.websocket.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The write side of a {@link LoopConnection}: non-blocking writes of what the
 * {@link OutboundQueue} holds. A write the socket takes only partly keeps the rest and asks the
 * selector for {@code OP_WRITE}; while the queue is at its limit the connection stops asking for
 * {@code OP_READ} (backpressure: a peer that floods pings and reads nothing fills its own
 * receive window, not our heap); a write that makes no progress for the send timeout is a stall.
 *
 * <p>Loop thread only, except {@link #stalledVerdict}.
 */
final class LoopWriter {

    /** Largest single {@code write}: a 16 MiB message is not copied into one 16 MiB direct buffer. */
    private static final int SLICE = 64 * 1024;

    private final SocketChannel channel;
    private final OutboundQueue outbound;
    private final long sendTimeoutNanos;
    private SelectionKey key;
    private int interest = SelectionKey.OP_READ;
    /** The chunk being written; while it is set this connection holds the queue's right to write. */
    private OutboundQueue.Chunk current;
    private long lastProgressNanos;
    private boolean readPaused;
    private volatile boolean stalled;
    private LongConsumer bytesWritten = count -> { };

    LoopWriter(SocketChannel channel, OutboundQueue outbound, Duration sendTimeout) {
        this.channel = channel;
        this.outbound = outbound;
        this.sendTimeoutNanos = sendTimeout.toNanos();
    }

    /** Counts every byte written from now on (see {@link LoopConnection#countBytes}). */
    void countWritten(LongConsumer counter) {
        this.bytesWritten = counter;
    }

    void attach(SelectionKey registered) {
        this.key = registered;
    }

    /** Writes until the queue is empty or the socket's send buffer is full. */
    void flush(boolean wantRead) throws IOException {
        while (true) {
            if (current == null) {
                current = nextChunk();
                if (current == null) {
                    if (outbound.stopWriterIfIdle() || outbound.isDone()) {
                        break;
                    }
                    continue; // bytes were queued while we looked
                }
                lastProgressNanos = System.nanoTime();
            }
            ByteBuffer bytes = current.bytes();
            int limit = bytes.limit();
            if (bytes.remaining() > SLICE) {
                bytes.limit(bytes.position() + SLICE);
            }
            int written;
            try {
                written = channel.write(bytes); // non-blocking write(2): may take part, or nothing
            } finally {
                bytes.limit(limit);
            }
            if (written > 0) {
                bytesWritten.accept(written);
                lastProgressNanos = System.nanoTime();
            }
            if (bytes.hasRemaining()) {
                if (written == 0) {
                    break; // the send buffer is full: OP_WRITE says when it has room again
                }
                continue;
            }
            outbound.written(current);
            current = null;
        }
        // Backpressure (the blocking reader waits for space at the same point).
        readPaused = outbound.bufferedBytes() >= outbound.limitBytes();
        updateInterest(wantRead);
    }

    private OutboundQueue.Chunk nextChunk() {
        try {
            return outbound.poll(0); // never waits with a zero timeout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Asks the selector for what this connection waits for now (one {@code epoll_ctl} when it changes). */
    void updateInterest(boolean wantRead) {
        int ops = (wantRead && !readPaused ? SelectionKey.OP_READ : 0) | (current != null ? SelectionKey.OP_WRITE : 0);
        if (ops != interest && key != null && key.isValid()) {
            key.interestOps(ops);
            interest = ops;
        }
    }

    /** The close timeout gave up on the queue: the chunk in progress is dropped with it. */
    void abandon() {
        current = null;
    }

    boolean readPaused() {
        return readPaused;
    }

    /** When a write in progress becomes a stall, or {@code Long.MAX_VALUE} when none waits. */
    long stallDeadline() {
        return current == null ? Long.MAX_VALUE : lastProgressNanos + sendTimeoutNanos;
    }

    /** True (and remembered) when the write in progress made no progress for the send timeout. */
    boolean stalled(long nowNanos) {
        if (current != null && nowNanos - lastProgressNanos >= sendTimeoutNanos) {
            stalled = true;
        }
        return stalled;
    }

    /** Whether a stall was declared; any thread. */
    boolean stalledVerdict() {
        return stalled;
    }
}
