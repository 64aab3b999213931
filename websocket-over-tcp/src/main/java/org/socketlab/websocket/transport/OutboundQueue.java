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
 * <p>Who writes: one thread at a time holds the right to write to the socket. The connection's
 * writer thread takes it in {@link #poll}; a thread that appends to an empty queue while nobody
 * writes may take it in {@link #appendOrClaim} and write its own message at once (the direct
 * path, which saves waking the writer thread). The holder gives it back with {@link #written}
 * for each chunk it claimed (the writer thread) or {@link #release} (a direct writer), so bytes
 * leave in append order whoever writes them.
 *
 * <p>Thread-safe: any thread may append; {@link #poll} is the writer thread's.
 */
public final class OutboundQueue {

    /** One buffer to write, and the future to complete when it (the message's last buffer) is out. */
    record Chunk(ByteBuffer bytes, int size, CompletableFuture<Void> written) {
    }

    private final long limitBytes;
    private final ReentrantLock lock = new ReentrantLock();
    /** An on-demand writer thread ends after this long without work. */
    private static final long WRITER_IDLE_NANOS = 1_000_000_000L;
    /** Starts a writer thread when work arrives and none runs; null when one runs all the time. */
    private Runnable writerStarter;
    private boolean writerRunning;
    /** Senders waiting for space, and {@link #awaitDrained}: signalled when bytes leave. */
    private final Condition space = lock.newCondition();
    /** The writer thread: signalled only when it has something to do, never for a direct write. */
    private final Condition work = lock.newCondition();
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private long queuedBytes;
    /** Some thread (the writer or a direct writer) holds the right to write. */
    private boolean writing;
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
                remaining = space.awaitNanos(remaining);
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
        appendOrClaim(buffers, written, false);
    }

    /**
     * Appends like {@link #append}; with {@code mayClaim}, when the queue was empty and nobody
     * was writing, also hands the caller the right to write: the caller must then write the
     * returned chunks in order (calling {@link #written} after each) and {@link #release} the
     * right, even when a write fails. Returns an empty list when the writer thread will send
     * the message instead.
     */
    public List<Chunk> appendOrClaim(List<ByteBuffer> buffers, CompletableFuture<Void> written, boolean mayClaim) {
        lock.lock();
        try {
            if (failure != null || finishing) {
                if (written != null) {
                    written.completeExceptionally(new IllegalStateException(
                            "connection is closing; the message was not sent", failure));
                }
                return List.of();
            }
            if (buffers.isEmpty()) {
                if (written != null) {
                    written.complete(null);
                }
                return List.of();
            }
            boolean claim = mayClaim && !writing && chunks.isEmpty();
            Chunk[] added = new Chunk[buffers.size()];
            for (int i = 0; i < buffers.size(); i++) {
                ByteBuffer buffer = buffers.get(i);
                boolean last = i == buffers.size() - 1;
                added[i] = new Chunk(buffer, buffer.remaining(), last ? written : null);
                chunks.add(added[i]);
                queuedBytes += buffer.remaining();
            }
            if (claim) {
                writing = true;
                return List.of(added);
            }
            if (!writing) {
                wakeWriter();
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    /** A direct writer gives back the right to write; the writer thread sends what queued meanwhile. */
    public void release() {
        lock.lock();
        try {
            writing = false;
            if (!chunks.isEmpty() || finishing || failure != null) {
                wakeWriter();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writer side: takes the right to write and returns the next chunk; null when the queue is
     * done (see {@link #isDone}) or after {@code timeoutNanos} with nothing to write. Waits while
     * a direct writer holds the right.
     */
    Chunk poll(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (failure == null && (writing || chunks.isEmpty()) && !(finishing && !writing && chunks.isEmpty())) {
                if (remaining <= 0) {
                    return null;
                }
                remaining = work.awaitNanos(remaining);
            }
            if (failure != null || chunks.isEmpty()) {
                return null;
            }
            writing = true;
            return chunks.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * From now on the writer thread runs only while there is work: {@code starter} starts one
     * when bytes are queued and none runs, and an idle writer stops after {@link #WRITER_IDLE_NANOS}
     * ({@link #stopWriterIfIdle}). An idle connection then owns no writer thread (issue 19).
     */
    void startWriterOnDemand(Runnable starter) {
        lock.lock();
        try {
            writerStarter = starter;
            writerRunning = false;
            if (!chunks.isEmpty() || finishing || failure != null) {
                wakeWriter();
            }
        } finally {
            lock.unlock();
        }
    }

    /** How long the writer waits for work: forever, unless it is started on demand. */
    long writerWaitNanos() {
        lock.lock();
        try {
            return writerStarter == null ? Long.MAX_VALUE : WRITER_IDLE_NANOS;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writer side, after {@link #poll} found nothing: true when the writer thread may end because
     * it was started on demand and nothing is left for it (a direct writer that holds the right
     * will start a new one on {@link #release} if bytes queued behind it).
     */
    boolean stopWriterIfIdle() {
        lock.lock();
        try {
            if (writerStarter == null || failure != null || finishing || (!chunks.isEmpty() && !writing)) {
                return false;
            }
            writerRunning = false;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: signal the writer thread, or start one when it runs on demand and none runs. */
    private void wakeWriter() {
        if (writerStarter != null && !writerRunning) {
            writerRunning = true;
            writerStarter.run();
        } else {
            work.signalAll();
        }
    }

    /** True when the writer may stop: finished, drained and nobody writing, or failed. */
    boolean isDone() {
        lock.lock();
        try {
            return failure != null || (finishing && chunks.isEmpty() && !writing);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The chunk is fully written. For the writer thread this also gives back the right to
     * write (it takes it again with the next {@link #poll}); a direct writer keeps it until
     * {@link #release}.
     */
    void written(Chunk chunk) {
        written(chunk, true);
    }

    void written(Chunk chunk, boolean releaseRight) {
        lock.lock();
        try {
            if (chunks.peekFirst() == chunk) {
                chunks.removeFirst();
                queuedBytes -= chunk.size();
            }
            if (releaseRight) {
                writing = false;
            }
            space.signalAll();
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
            space.signalAll();
            wakeWriter();
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
            space.signalAll();
            wakeWriter();
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
                remaining = space.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
