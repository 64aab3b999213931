package org.socketlab.tcp.nonblocking;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One echo connection as the event loop sees it: a socket that is never waited on, a buffer of
 * bytes read but not yet written back, and the interest set that says what the loop should wake
 * up for. Used by the loop thread only.
 *
 * <p>The rule that keeps memory bounded is backpressure: while bytes are waiting to be written,
 * stop asking for reads ({@code OP_READ} off). A client that sends but never reads then fills its
 * own socket buffers and TCP's flow control slows it down; the server holds at most one buffer.
 */
final class EchoChannel {

    /** What the loop does with the connection after a readiness event. */
    enum Next { KEEP, CLOSE }

    private final SocketChannel channel;
    private final ByteBuffer pending;
    private final SelectorStats stats;
    private boolean peerFinished;

    EchoChannel(SocketChannel channel, int bufferBytes, SelectorStats stats) {
        this.channel = channel;
        this.pending = ByteBuffer.allocate(bufferBytes); // write mode: [0, position) holds unsent bytes
        this.stats = stats;
    }

    SocketChannel channel() {
        return channel;
    }

    /** {@code OP_READ} was ready: read what the kernel has (never waits), then try to echo it. */
    Next onReadable(SelectionKey key) throws IOException {
        // BEGIN SOLUTION lab=16 task="the readable event: read without waiting, handle EOF (-1) and 0, then echo"
        int count = channel.read(pending);          // non-blocking read(): n > 0, 0 (EAGAIN) or -1
        stats.reads.increment();
        if (count < 0) {
            peerFinished = true;                    // the client half-closed (FIN): echo the rest, then finish
        } else if (count == 0) {
            stats.emptyReads.increment();           // woken up with nothing to read: a spurious wake-up
        } else {
            stats.bytesRead.add(count);
        }
        return flush(key);
        // END SOLUTION
    }

    /** {@code OP_WRITE} was ready: the socket's send buffer has room again. */
    Next onWritable(SelectionKey key) throws IOException {
        return flush(key);
    }

    /**
     * Writes as much of the pending bytes as the kernel takes, then sets the interest set:
     * read again when everything went out, wait for {@code OP_WRITE} (and stop reading) when not.
     */
    private Next flush(SelectionKey key) throws IOException {
        // BEGIN SOLUTION lab=16 task="write what the kernel takes; OP_WRITE and no OP_READ while bytes are pending"
        pending.flip();                             // read mode: [position, limit) is still to send
        if (pending.hasRemaining()) {
            int wanted = pending.remaining();
            int written = channel.write(pending);   // non-blocking write(): may take only part
            stats.writes.increment();
            stats.bytesWritten.add(written);
            if (written < wanted) {
                stats.partialWrites.increment();
            }
        }
        boolean allSent = !pending.hasRemaining();
        pending.compact();                          // back to write mode, unsent bytes moved to the front
        if (allSent && peerFinished) {
            channel.shutdownOutput();               // shutdown(SHUT_WR): our FIN after the last echoed byte
            return Next.CLOSE;
        }
        // Backpressure: with bytes waiting, wait for room (OP_WRITE) and stop reading more.
        key.interestOps(allSent ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
        return Next.KEEP;
        // END SOLUTION
    }
}
