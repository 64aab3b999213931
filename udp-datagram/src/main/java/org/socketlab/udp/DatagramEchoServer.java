package org.socketlab.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A UDP echo server: one {@link DatagramSocket} serves every peer. There is no listen(), no
 * accept() and no connect(): each {@code recvfrom()} returns one datagram together with its
 * sender's address, and {@code sendto()} answers that address. The server keeps no per-peer
 * state beyond the addresses it has heard from recently ({@link RecentPeers}), at most
 * {@code maxPeers} of them ({@value #DEFAULT_MAX_PEERS} by default): anyone can send from a fresh
 * port every time, so remembering every sender would grow without bound.
 *
 * <p>Bad input never stops the loop: an empty datagram is echoed as an empty datagram (UDP
 * allows zero-length payloads), bytes are echoed whatever they contain, and a datagram longer
 * than {@code maxDatagram} is dropped and counted. It is received into a buffer one byte larger
 * than the limit, so "the buffer filled up" means "too long" rather than "perhaps truncated".
 */
public final class DatagramEchoServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DatagramEchoServer.class.getName());

    /** How many recent peer addresses are remembered (and logged once each) by default. */
    public static final int DEFAULT_MAX_PEERS = 1_024;

    private final DatagramSocket socket;
    private final int maxDatagram;
    private final Thread loop;
    private final RecentPeers peers;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong echoed = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    private DatagramEchoServer(DatagramSocket socket, int maxDatagram, RecentPeers peers) {
        this.socket = socket;
        this.maxDatagram = maxDatagram;
        this.peers = peers;
        this.loop = Thread.ofPlatform().name("udp-echo-" + socket.getLocalPort()).daemon().unstarted(this::serve);
    }

    /** socket() + bind(): the server is ready to receive when this returns. */
    public static DatagramEchoServer start(InetSocketAddress bindAddress) throws SocketException {
        return start(bindAddress, Datagrams.MAX_IPV4_PAYLOAD);
    }

    public static DatagramEchoServer start(InetSocketAddress bindAddress, int maxDatagram) throws SocketException {
        return start(bindAddress, maxDatagram, DEFAULT_MAX_PEERS);
    }

    /** @param maxPeers how many recent peer addresses to remember, at least 1 */
    public static DatagramEchoServer start(InetSocketAddress bindAddress, int maxDatagram, int maxPeers)
            throws SocketException {
        if (maxDatagram < 0 || maxDatagram > Datagrams.MAX_IPV6_PAYLOAD) {
            throw new IllegalArgumentException("maximum datagram is " + maxDatagram + " bytes; it must be within [0, "
                    + Datagrams.MAX_IPV6_PAYLOAD + "]");
        }
        RecentPeers peers = new RecentPeers(maxPeers); // checked before the socket exists: nothing to close
        DatagramEchoServer server = new DatagramEchoServer(new DatagramSocket(bindAddress), maxDatagram, peers);
        server.loop.start();
        return server;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Whether {@code peer} is among the recent peers remembered. */
    public boolean remembers(SocketAddress peer) {
        return peers.contains(peer);
    }

    public EchoServerStats stats() {
        return new EchoServerStats(received.get(), echoed.get(), oversized.get(), errors.get(), peers.size());
    }

    private void serve() {
        byte[] buffer = new byte[maxDatagram + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length); // receive() shrinks it to the last datagram's length
                socket.receive(packet);          // recvfrom(): one datagram and its sender
                handle(packet);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                errors.incrementAndGet();
                LOG.log(System.Logger.Level.WARNING, "receive loop survived an I/O error: " + e);
            }
        }
    }

    private void handle(DatagramPacket packet) throws IOException {
        received.incrementAndGet();
        SocketAddress peer = packet.getSocketAddress();
        if (peers.record(peer)) {
            logNewPeer(peer);
        }
        if (packet.getLength() > maxDatagram) {
            oversized.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "dropped a datagram from " + peer + " of more than " + maxDatagram
                    + " bytes; the limit is " + maxDatagram);
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "echo " + packet.getLength() + " bytes to " + peer);
        echoed.incrementAndGet(); // counted first, so a peer that has its reply also sees the count
        socket.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength(), peer)); // sendto()
    }

    /** One INFO line per new peer until the memory is full; then one WARNING, and DEBUG lines after it. */
    private void logNewPeer(SocketAddress peer) {
        long forgotten = peers.forgotten();
        if (forgotten == 0) {
            LOG.log(System.Logger.Level.INFO, "new peer " + peer + " (same socket, no accept())");
        } else if (forgotten == 1) {
            LOG.log(System.Logger.Level.WARNING, "heard from more than " + peers.capacity() + " peers; the least"
                    + " recent is forgotten from now on and new peers are logged at DEBUG (--max-peers)");
        } else {
            LOG.log(System.Logger.Level.DEBUG, () -> "new peer " + peer + "; " + forgotten + " peers forgotten so far");
        }
    }

    /** close(): the blocked receive() fails with a SocketException and the loop ends. */
    @Override
    public void close() {
        socket.close();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the socket is closed; the loop ends on its own
        }
    }

    /**
     * The command line (see {@link Cli}): {@code --host H --port P [--max-datagram N] [--max-peers N]};
     * {@link #main} prints {@code listening on udp://H:P} when ready.
     */
    @Command(name = "DatagramEchoServer", mixinStandardHelpOptions = true,
            description = "UDP echo server: prints 'listening on udp://HOST:PORT', echoes until Ctrl-C.")
    static final class Options implements Cli.Validated {
        @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--port", description = "port; 0 = any free port (default: ${DEFAULT-VALUE})")
        int port = 7007;
        @Option(names = "--max-datagram", paramLabel = "BYTES", description = "largest datagram read"
                + " (default: ${DEFAULT-VALUE})")
        int maxDatagram = Datagrams.MAX_IPV4_PAYLOAD;
        @Option(names = "--max-peers", description = "recent peers remembered for the log, least recent"
                + " forgotten first (default: ${DEFAULT-VALUE})")
        int maxPeers = DEFAULT_MAX_PEERS;

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
            Cli.requireRange("--max-datagram", maxDatagram, 1, Datagrams.MAX_IPV4_PAYLOAD);
            Cli.requireRange("--max-peers", maxPeers, 1, Integer.MAX_VALUE);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        InetAddress host = InetAddress.getByName(options.host);
        DatagramEchoServer server = start(new InetSocketAddress(host, options.port), options.maxDatagram,
                options.maxPeers);
        InetSocketAddress bound = server.localAddress();
        System.out.println("listening on udp://" + bound.getAddress().getHostAddress() + ":" + bound.getPort());
        server.loop.join();
    }
}
