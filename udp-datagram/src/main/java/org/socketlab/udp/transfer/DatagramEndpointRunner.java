package org.socketlab.udp.transfer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.socketlab.udp.reliable.CorruptSegmentException;
import org.socketlab.udp.reliable.Segment;
import org.socketlab.udp.reliable.SegmentCodec;
import org.socketlab.udp.reliable.SegmentEndpoint;

/**
 * The thin I/O adapter of a {@link SegmentEndpoint}: one loop of send what it wants to send,
 * wait on {@code recvfrom()} no longer than its next timer, feed what arrives, fire its timers.
 * Datagrams that fail to decode (CRC mismatch, garbage) and datagrams from anyone but the peer
 * are discarded and counted.
 *
 * <p>Confined to the thread that calls {@link #run}; {@link #corruptDiscarded()} is safe to read
 * after {@code run} returns.
 */
public final class DatagramEndpointRunner {
    private final DatagramSocket socket;
    private final SegmentEndpoint endpoint;
    private SocketAddress peer;
    private long corruptDiscarded;
    private long strangersDiscarded;

    /** {@code peer} may be null for a receiver: it then answers whoever sends the first valid segment. */
    public DatagramEndpointRunner(DatagramSocket socket, SocketAddress peer, SegmentEndpoint endpoint) {
        this.socket = socket;
        this.peer = peer;
        this.endpoint = endpoint;
    }

    /**
     * Runs until the endpoint is finished and nothing has arrived for {@code lingerNanos} (0 = return
     * as soon as it is finished; a receiver lingers like TCP's TIME_WAIT to re-acknowledge a lost
     * final ACK), or until the socket is closed by another thread once the endpoint is finished.
     *
     * @throws TimeoutException when {@code deadlineNanos} (on the {@link System#nanoTime()} clock) passes first
     */
    public void run(long deadlineNanos, long lingerNanos) throws IOException, TimeoutException {
        try {
            loop(deadlineNanos, lingerNanos);
        } catch (SocketException e) {
            // Another thread closed the socket to stop a finished receiver that was lingering.
            if (!(socket.isClosed() && endpoint.isFinished())) {
                throw e;
            }
        }
    }

    private void loop(long deadlineNanos, long lingerNanos) throws IOException, TimeoutException {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        long lastHeard = System.nanoTime();
        while (true) {
            flush();
            long now = System.nanoTime();
            if (endpoint.isFinished() && now - lastHeard >= lingerNanos) {
                return;
            }
            if (now - deadlineNanos >= 0) {
                throw new TimeoutException("transfer did not finish before its deadline; endpoint finished: " + endpoint.isFinished());
            }
            long wake = Math.min(deadlineNanos, endpoint.nextDeadlineNanos());
            if (endpoint.isFinished()) {
                wake = Math.min(wake, lastHeard + lingerNanos);
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(60_000, (wake - now + 999_999) / 1_000_000)));
            packet.setLength(buffer.length);
            try {
                socket.receive(packet);
                lastHeard = System.nanoTime();
                accept(packet, lastHeard);
            } catch (SocketTimeoutException e) {
                // a timer is due: tick below
            }
            endpoint.tick(System.nanoTime());
        }
    }

    private void accept(DatagramPacket packet, long now) {
        if (peer != null && !peer.equals(packet.getSocketAddress())) {
            strangersDiscarded++;
            return;
        }
        try {
            Segment segment = SegmentCodec.decode(packet.getData(), packet.getOffset(), packet.getLength());
            peer = packet.getSocketAddress();
            endpoint.onSegment(segment, now);
        } catch (CorruptSegmentException e) {
            corruptDiscarded++;
        }
    }

    private void flush() throws IOException {
        for (Segment segment : endpoint.pollOutgoing()) {
            byte[] bytes = SegmentCodec.encode(segment);
            socket.send(new DatagramPacket(bytes, bytes.length, peer)); // sendto()
        }
    }

    public long corruptDiscarded() {
        return corruptDiscarded;
    }

    public long strangersDiscarded() {
        return strangersDiscarded;
    }
}
