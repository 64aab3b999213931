package org.socketlab.websocket.transport;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * A small process-wide pool of 16 KiB read buffers. A connection blocks in its read on a
 * small buffer of its own ({@link #IDLE_READ_BYTES}) and borrows a large one only while more
 * bytes are already waiting in the socket, giving it back before it blocks again: an idle
 * connection therefore holds 256 bytes of read buffer, not 16 KiB (issue 19: 10,000 idle
 * connections hold 2.5 MiB of read buffers, not 160 MiB).
 *
 * <p>Thread-safe. The pool keeps at most {@link #POOLED} buffers; past that, borrowing
 * allocates and giving back drops the buffer for the garbage collector.
 */
final class ReadBuffers {

    /** What an idle connection reads into: a small frame (a 125-byte message: 131 bytes) fits in one read. */
    static final int IDLE_READ_BYTES = 256;
    /** What a busy connection reads into: large messages arrive in few reads. */
    static final int BUSY_READ_BYTES = 16 * 1024;
    private static final int POOLED = 64;

    private static final ArrayBlockingQueue<byte[]> POOL = new ArrayBlockingQueue<>(POOLED);

    private ReadBuffers() {
    }

    static byte[] borrow() {
        byte[] buffer = POOL.poll();
        return buffer != null ? buffer : new byte[BUSY_READ_BYTES];
    }

    static void giveBack(byte[] buffer) {
        POOL.offer(buffer);
    }
}
