package org.socketlab.websocket.transport;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes waiting for one connection's socket, bounded by a byte limit — the server-side
 * twin of the browser's {@code bufferedAmount}.
 *
 * <p>Backpressure rule: a sender may append a message only while fewer than {@code limitBytes}
 * are queued ({@link #awaitSpace}). A message larger than the limit is still admitted into an
 * empty-enough queue, so the queue holds at most {@code limit + one message per concurrent
 * sender}: bounded, whatever the peer's reading speed. Control frames produced by the reader
 * (pongs, close replies) skip the wait ({@link #append} never blocks) — they are small and
 * must not wait behind a stalled peer.
 *
 * <p>Thread-safe. One writer thread calls {@link #take} and {@link #written}; any thread may
 * append.
 */
public final class OutboundQueue {

    /** One buffer to write, and the future to complete when it (the message's last buffer) is out. */
    record Chunk(ByteBuffer bytes, int size, CompletableFuture<Void> written) {
    }

    private final long limitBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private long queuedBytes;
    private boolean finishing;
    private Throwable failure;

    public OutboundQueue(long limitBytes) {
        if (limitBytes < 1) {
            throw new IllegalArgumentException("outbound queue limit must be at least 1 byte, got " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** Bytes appended and not yet written to the socket. */
    public long bufferedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until fewer than {@code limitBytes} are queued, the queue is finished, or the
     * timeout passes.
     *
     * @return true when there is space (or the queue no longer accepts anything — the
     *         following append reports that), false on timeout
     */
    public boolean awaitSpace(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (queuedBytes >= limitBytes && !finishing && failure == null) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends the buffers of one message without waiting. {@code written} (may be null)
     * completes when the last of them has been written, or exceptionally if the connection
     * fails first.
     */
    public void append(List<ByteBuffer> buffers, CompletableFuture<Void> written) {
        lock.lock();
        try {
            if (failure != null || finishing) {
                if (written != null) {
                    written.completeExceptionally(new IllegalStateException(
                            "connection is closing; the message was not sent", failure));
                }
                return;
            }
            for (int i = 0; i < buffers.size(); i++) {
                ByteBuffer buffer = buffers.get(i);
                boolean last = i == buffers.size() - 1;
                chunks.add(new Chunk(buffer, buffer.remaining(), last ? written : null));
                queuedBytes += buffer.remaining();
            }
            if (buffers.isEmpty() && written != null) {
                written.complete(null);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writer side: the next chunk, or null when the queue is finished and empty or failed.
     * Waits at most {@code timeoutNanos} — the writer uses the null-on-timeout case to flush.
     */
    Chunk poll(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (chunks.isEmpty() && !finishing && failure == null && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return failure == null ? chunks.peekFirst() : null;
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        lock.lock();
        try {
            return chunks.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** True when the writer may stop: finished and drained, or failed. */
    boolean isDone() {
        lock.lock();
        try {
            return failure != null || (finishing && chunks.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    /** Writer side: the chunk returned by {@link #poll} is fully written. */
    void written(Chunk chunk) {
        lock.lock();
        try {
            if (chunks.peekFirst() == chunk) {
                chunks.removeFirst();
                queuedBytes -= chunk.size();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (chunk.written() != null) {
            chunk.written().complete(null);
        }
    }

    /** No more appends; the writer drains what is queued and stops. */
    public void finish() {
        lock.lock();
        try {
            finishing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The socket is gone: drop everything, fail pending futures, wake every waiter. */
    public void fail(Throwable cause) {
        List<Chunk> dropped;
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            dropped = List.copyOf(chunks);
            chunks.clear();
            queuedBytes = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Chunk chunk : dropped) {
            if (chunk.written() != null) {
                chunk.written().completeExceptionally(cause);
            }
        }
    }

    /** Waits until the writer has drained a finished queue, or the timeout passes. */
    boolean awaitDrained(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long remaining = unit.toNanos(timeout);
            while (!chunks.isEmpty() && failure == null) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
