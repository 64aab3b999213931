package org.socketlab.websocket.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The only code that writes to a connection's socket: drains the {@link OutboundQueue} in
 * order, one chunk at a time, on its own (virtual) thread. A blocking {@code write} is where
 * a slow reader pushes back: the kernel's send buffer fills, this thread waits, the queue
 * grows to its limit, and then senders wait too.
 */
final class SocketWriter implements Runnable {

    private static final Logger LOG = System.getLogger(SocketWriter.class.getName());
    private static final int COPY_CHUNK = 64 * 1024;

    private final OutboundQueue queue;
    private final OutputStream out;
    private final Consumer<IOException> onFailure;

    SocketWriter(OutboundQueue queue, OutputStream out, Consumer<IOException> onFailure) {
        this.queue = queue;
        this.out = out;
        this.onFailure = onFailure;
    }

    @Override
    public void run() {
        try {
            while (true) {
                OutboundQueue.Chunk chunk = queue.poll(Long.MAX_VALUE);
                if (chunk == null) {
                    if (queue.isDone()) {
                        return;
                    }
                    continue;
                }
                writeFully(chunk.bytes());
                queue.written(chunk);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "write failed: {0}", e.toString());
            queue.fail(e);
            onFailure.accept(e);
        } catch (InterruptedException e) {
            queue.fail(e);
            Thread.currentThread().interrupt();
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        if (bytes.hasArray()) {
            out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            bytes.position(bytes.limit());
            return;
        }
        byte[] copy = new byte[Math.min(COPY_CHUNK, bytes.remaining())];
        while (bytes.hasRemaining()) {
            int n = Math.min(copy.length, bytes.remaining());
            bytes.get(copy, 0, n);
            out.write(copy, 0, n);
        }
    }
}
