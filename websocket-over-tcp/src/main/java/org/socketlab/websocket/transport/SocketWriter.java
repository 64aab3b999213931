package org.socketlab.websocket.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * The only code that writes to a connection's socket. Two ways in, one order: the writer
 * thread ({@link #run}) drains the {@link OutboundQueue}; a thread that found the queue empty
 * and idle writes its own message at once ({@link #writeClaimed}) instead of waking the writer
 * thread — for an echo that saves a thread hand-off per message. A blocking {@code write} is
 * where a slow reader pushes back: the kernel's send buffer fills, the writing thread waits, the
 * queue grows to its limit, and then senders wait too.
 *
 * <p>{@code java.net} writes have no timeout, so every write is timed for the
 * {@link WriteWatchdog}: {@link #writeStartedNanos} is when the current slice of at most
 * {@link #SLICE} bytes began (0 when no write is in progress); a peer that reads nothing for the
 * send timeout gets its socket closed, which ends the blocked write with an exception.
 */
final class SocketWriter implements Runnable {

    private static final Logger LOG = System.getLogger(SocketWriter.class.getName());
    /** Largest single {@code write}: the watchdog sees progress at least every 64 KiB. */
    private static final int SLICE = 64 * 1024;

    private final OutboundQueue queue;
    private final OutputStream out;
    private final Consumer<IOException> onFailure;
    private volatile long writeStartedNanos;

    SocketWriter(OutboundQueue queue, OutputStream out, Consumer<IOException> onFailure) {
        this.queue = queue;
        this.out = out;
        this.onFailure = onFailure;
    }

    @Override
    public void run() {
        try {
            while (true) {
                OutboundQueue.Chunk chunk = queue.poll(queue.writerWaitNanos());
                if (chunk == null) {
                    if (queue.isDone() || queue.stopWriterIfIdle()) {
                        return;
                    }
                    continue;
                }
                writeFully(chunk.bytes());
                queue.written(chunk);
            }
        } catch (IOException e) {
            failed(e);
        } catch (InterruptedException e) {
            queue.fail(e);
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes chunks that {@link OutboundQueue#appendOrClaim} handed to the calling thread, then
     * gives the right to write back. On failure the queue fails and the connection is told.
     *
     * @return true when every chunk was written
     */
    boolean writeClaimed(List<OutboundQueue.Chunk> claimed) {
        try {
            for (OutboundQueue.Chunk chunk : claimed) {
                writeFully(chunk.bytes());
                queue.written(chunk, false);
            }
            return true;
        } catch (IOException e) {
            failed(e);
            return false;
        } finally {
            queue.release();
        }
    }

    /** When the write in progress started (System.nanoTime), or 0 when none is. */
    long writeStartedNanos() {
        return writeStartedNanos;
    }

    private void failed(IOException e) {
        LOG.log(Level.DEBUG, "write failed: {0}", e.toString());
        queue.fail(e);
        onFailure.accept(e);
    }

    /** Only the holder of the queue's right to write gets here: one writer at a time. */
    private void writeFully(ByteBuffer bytes) throws IOException {
        try {
            if (bytes.hasArray()) {
                byte[] array = bytes.array();
                int offset = bytes.arrayOffset() + bytes.position();
                int end = offset + bytes.remaining();
                while (offset < end) {
                    int n = Math.min(SLICE, end - offset);
                    startSlice();
                    out.write(array, offset, n);
                    offset += n;
                }
                bytes.position(bytes.limit());
                return;
            }
            byte[] copy = new byte[Math.min(SLICE, bytes.remaining())];
            while (bytes.hasRemaining()) {
                int n = Math.min(copy.length, bytes.remaining());
                bytes.get(copy, 0, n);
                startSlice();
                out.write(copy, 0, n);
            }
        } finally {
            writeStartedNanos = 0;
        }
    }

    private void startSlice() {
        // Never 0 while writing: 0 means idle to the watchdog.
        writeStartedNanos = System.nanoTime() | 1;
    }
}
