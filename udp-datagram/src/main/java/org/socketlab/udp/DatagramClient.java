package org.socketlab.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request/response over UDP, where nothing guarantees a reply: each request carries an 8-byte
 * request id before its payload; the client waits a bounded time for a reply carrying the same
 * id, and retries with exponential backoff. A reply with another id is a late answer to an
 * earlier request or a duplicate, and is discarded — without ids it would be taken as the answer
 * to the current request.
 *
 * <p>Wire format, both directions: {@code [request id: 8 bytes, big-endian][payload]}. A
 * {@link DatagramEchoServer} is a valid server, since it returns the id unchanged.
 *
 * <p>Not thread-safe: one request at a time per client.
 */
public final class DatagramClient implements AutoCloseable {
    public static final int ID_LENGTH = Long.BYTES;

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final ClientOptions options;
    private final byte[] receiveBuffer = new byte[Datagrams.MAX_IPV4_PAYLOAD + 1];
    private long nextRequestId;
    private long requests;
    private long attempts;
    private long retries;
    private long staleDiscarded;
    private long garbageDiscarded;

    private DatagramClient(DatagramSocket socket, InetSocketAddress server, ClientOptions options, long firstRequestId) {
        this.socket = socket;
        this.server = server;
        this.options = options;
        this.nextRequestId = firstRequestId;
    }

    /** socket() + bind() to an ephemeral loopback-or-any port; request ids start at a random non-negative value. */
    public static DatagramClient open(InetSocketAddress server, ClientOptions options) throws IOException {
        return open(server, options, ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /** As {@link #open(InetSocketAddress, ClientOptions)}, with a fixed first request id (for tests). */
    public static DatagramClient open(InetSocketAddress server, ClientOptions options, long firstRequestId)
            throws IOException {
        InetAddress local = server.getAddress().isLoopbackAddress() ? InetAddress.getLoopbackAddress() : null;
        return new DatagramClient(new DatagramSocket(new InetSocketAddress(local, 0)), server, options, firstRequestId);
    }

    /**
     * Sends {@code payload} and returns the reply's payload.
     *
     * @throws RequestTimeoutException when no matching reply arrived within {@code maxAttempts}
     */
    public byte[] request(byte[] payload) throws IOException {
        // BEGIN SOLUTION lab=04 task="the retry loop: resend the same request id with exponential backoff until a reply arrives"
        long id = nextRequestId++;
        requests++;
        byte[] datagram = ByteBuffer.allocate(ID_LENGTH + payload.length).putLong(id).put(payload).array();
        List<Duration> waited = new ArrayList<>();
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            if (attempt > 1) {
                retries++;
            }
            attempts++;
            Datagrams.send(socket, datagram, server); // sendto(): the same id on every attempt
            Duration timeout = options.timeoutForAttempt(attempt);
            waited.add(timeout);
            byte[] reply = awaitReply(id, System.nanoTime() + timeout.toNanos());
            if (reply != null) {
                return reply;
            }
        }
        throw new RequestTimeoutException("no reply to request id " + id + " from " + server + " after "
                + options.maxAttempts() + " attempts waiting " + waited + " (exponential backoff x" + options.multiplier() + ")");
        // END SOLUTION
    }

    /** Receives until a reply with {@code id} arrives or the deadline passes (then returns null). */
    private byte[] awaitReply(long id, long deadlineNanos) throws IOException {
        // BEGIN SOLUTION lab=04 task="wait for the reply: discard datagrams from strangers and stale replies with another id"
        DatagramPacket packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
        while (true) {
            long remainingMillis = (deadlineNanos - System.nanoTime() + 999_999) / 1_000_000;
            if (remainingMillis <= 0) {
                return null;
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
            packet.setLength(receiveBuffer.length);
            try {
                socket.receive(packet); // recvfrom(): may return anyone's datagram
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (!server.equals(packet.getSocketAddress()) || packet.getLength() < ID_LENGTH) {
                garbageDiscarded++; // not our server, or too short to carry an id
                continue;
            }
            long replyId = ByteBuffer.wrap(receiveBuffer, 0, ID_LENGTH).getLong();
            if (replyId != id) {
                staleDiscarded++; // a late reply to an earlier request, or a duplicate
                continue;
            }
            return Arrays.copyOfRange(receiveBuffer, ID_LENGTH, packet.getLength());
        }
        // END SOLUTION
    }

    public ClientStats stats() {
        return new ClientStats(requests, attempts, retries, staleDiscarded, garbageDiscarded);
    }

    /** The id the next request will carry. */
    public long nextRequestId() {
        return nextRequestId;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        socket.close();
    }
}
