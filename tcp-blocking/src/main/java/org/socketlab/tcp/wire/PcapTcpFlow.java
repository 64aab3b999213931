package org.socketlab.tcp.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * One relayed connection as synthesised TCP segments in a {@link PcapWriter} capture.
 *
 * <p>Sequence numbers follow RFC 9293 §3.4: each side starts at its initial sequence number
 * (ISN); SYN and FIN each take one number, every payload byte takes one. Each segment
 * acknowledges everything the other side has sent so far, so tshark sees no lost or
 * out-of-order data and reassembles both streams.
 *
 * <p>Thread-safety: thread-safe; methods lock the writer, so segments of both directions
 * interleave in the order the tap relayed them.
 */
public final class PcapTcpFlow {

    private final PcapWriter writer;
    private final TcpSegment.Endpoint client;
    private final TcpSegment.Endpoint server;
    private final long[] nextSeq = new long[2];
    private final boolean[] finished = new boolean[2];
    private int ipId;

    PcapTcpFlow(PcapWriter writer, TcpSegment.Endpoint client, TcpSegment.Endpoint server, int flowNumber) {
        this.writer = writer;
        this.client = client;
        this.server = server;
        // Fixed, distinct ISNs keep captures reproducible; tshark shows relative numbers anyway.
        nextSeq[Direction.CLIENT_TO_SERVER.ordinal()] = 0x1000_0000L + 0x10000L * flowNumber;
        nextSeq[Direction.SERVER_TO_CLIENT.ordinal()] = 0x2000_0000L + 0x10000L * flowNumber;
        ipId = flowNumber << 8;
    }

    /** RFC 9293 §3.5: SYN, SYN-ACK, ACK. */
    void handshake(Instant time) throws IOException {
        segment(Direction.CLIENT_TO_SERVER, TcpSegment.SYN, empty(), time);
        advance(Direction.CLIENT_TO_SERVER, 1);
        segment(Direction.SERVER_TO_CLIENT, TcpSegment.SYN | TcpSegment.ACK, empty(), time);
        advance(Direction.SERVER_TO_CLIENT, 1);
        segment(Direction.CLIENT_TO_SERVER, TcpSegment.ACK, empty(), time);
    }

    /** Payload bytes (position to limit, not moved), split into segments no larger than IPv4 allows. */
    public void data(Direction direction, ByteBuffer bytes, Instant time) throws IOException {
        synchronized (writer) {
            ByteBuffer rest = bytes.duplicate();
            while (rest.hasRemaining()) {
                int length = Math.min(rest.remaining(), TcpSegment.MAX_PAYLOAD);
                ByteBuffer piece = rest.slice(rest.position(), length);
                segment(direction, TcpSegment.PSH | TcpSegment.ACK, piece, time);
                advance(direction, length);
                rest.position(rest.position() + length);
            }
        }
    }

    /** The sender half-closed: FIN+ACK; once both sides sent FIN, the first one's sender ACKs the second. */
    public void fin(Direction direction, Instant time) throws IOException {
        synchronized (writer) {
            if (finished[direction.ordinal()]) {
                return;
            }
            segment(direction, TcpSegment.FIN | TcpSegment.ACK, empty(), time);
            advance(direction, 1);
            finished[direction.ordinal()] = true;
            if (finished[direction.reverse().ordinal()]) {
                segment(direction.reverse(), TcpSegment.ACK, empty(), time);
            }
        }
    }

    /** The sender aborted the connection: RST+ACK (RFC 9293 §3.5.2); nothing follows. */
    public void reset(Direction direction, Instant time) throws IOException {
        synchronized (writer) {
            segment(direction, TcpSegment.RST | TcpSegment.ACK, empty(), time);
            finished[0] = true;
            finished[1] = true;
        }
    }

    private void segment(Direction direction, int flags, ByteBuffer payload, Instant time) throws IOException {
        boolean fromClient = direction == Direction.CLIENT_TO_SERVER;
        long seq = nextSeq[direction.ordinal()];
        long ack = nextSeq[direction.reverse().ordinal()];
        byte[] packet = TcpSegment.build(fromClient ? client : server, fromClient ? server : client,
                ipId++ & 0xFFFF, seq, ack, flags, payload);
        writer.writePacket(time, packet);
    }

    private void advance(Direction direction, int count) {
        nextSeq[direction.ordinal()] = (nextSeq[direction.ordinal()] + count) & 0xFFFF_FFFFL;
    }

    private static ByteBuffer empty() {
        return ByteBuffer.allocate(0);
    }
}
