package org.socketlab.websocket.transport;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The read side of a {@link LoopConnection}: non-blocking reads into the loop's one read buffer
 * ({@link EventLoop#readBuffer}), each handed to the protocol at once. The protocol copies out
 * what it keeps, so the buffer is free again when the connection's {@code step} returns and no
 * connection owns a read buffer (an idle one holds none).
 *
 * <p>Loop thread only.
 */
final class LoopReader {

    private static final Logger LOG = System.getLogger(LoopReader.class.getName());
    /** Reads per readiness event before other connections get their turn (fairness). */
    private static final int MAX_READS_PER_TURN = 16;
    /** The least one read may take, however full the outbound queue (see {@link #readLimit}). */
    private static final int MIN_READ_BYTES = 16 * 1024;

    private final LoopConnection connection;
    private final EventLoop loop;
    private final SocketChannel channel;
    private final OutboundQueue outbound;
    /** Counts the bytes read from the socket (a route's traffic meter), or nothing. */
    private LongConsumer bytesRead = count -> { };

    LoopReader(LoopConnection connection, EventLoop loop, SocketChannel channel, OutboundQueue outbound) {
        this.connection = connection;
        this.loop = loop;
        this.channel = channel;
        this.outbound = outbound;
    }

    /** Counts every byte read from now on (see {@link LoopConnection#countBytes}). */
    void countRead(LongConsumer counter) {
        this.bytesRead = Objects.requireNonNull(counter, "counter");
    }

    /**
     * Reads what the socket holds, up to {@link #MAX_READS_PER_TURN} reads, while the
     * connection may read; each read goes to {@link LoopConnection#received}, end of stream or a
     * failed read to {@link LoopConnection#endOfStream}.
     */
    void readAvailable() {
        try {
            for (int reads = 0; reads < MAX_READS_PER_TURN && connection.mayRead(); reads++) {
                ByteBuffer buffer = loop.readBuffer();
                buffer.limit(readLimit(buffer.capacity()));
                int n = channel.read(buffer);
                if (n < 0) {
                    connection.endOfStream();
                    return;
                }
                if (n == 0) {
                    return;
                }
                bytesRead.accept(n);
                boolean full = !buffer.hasRemaining();
                connection.received(buffer.flip());
                if (!full) {
                    return; // the socket is drained: only a full buffer means more may be waiting
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0} read failed: {1}", connection, e.toString());
            connection.endOfStream();
        }
    }

    /** Lingering close: reads and drops what the peer still sends (counted all the same). */
    void discardInput(LoopClose closing) {
        bytesRead.accept(closing.discardInput(loop.readBuffer()));
    }

    /**
     * How much one read may take: the loop's whole buffer while the outbound queue has room for
     * it, else no more than the room left, but never under {@link #MIN_READ_BYTES}. The protocol's
     * own replies (a pong, a close echo) are no longer than what they answer, so a peer that
     * floods pings and reads nothing overshoots {@code maxBufferedBytes} by at most that minimum
     * — the blocking transport's bound, whose busy read buffer is 16 KiB.
     */
    private int readLimit(int capacity) {
        long room = outbound.limitBytes() - outbound.bufferedBytes();
        return (int) Math.max(MIN_READ_BYTES, Math.min(capacity, room));
    }
}
