package org.socketlab.labs;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.socketlab.udp.ClientOptions;
import org.socketlab.udp.DatagramClient;
import org.socketlab.udp.DatagramEchoServer;
import org.socketlab.udp.DatagramTooLargeException;
import org.socketlab.udp.Datagrams;
import org.socketlab.udp.PortProbe;
import org.socketlab.udp.ReceivedDatagram;
import org.socketlab.udp.RequestTimeoutException;
import org.socketlab.udp.lossy.Impairment;
import org.socketlab.udp.lossy.LossyLink;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;

/**
 * Lab 04 — UDP exchange: one socket serves many peers; timeouts and retries; truncation and
 * the 65,507-byte limit; connect() on UDP and ICMP port unreachable. Guide: labs/guides/04-udp-exchange.md.
 */
public final class Lab04UdpExchange {
    static final String TITLE = "UDP exchange";
    static final String SUMMARY = "One DatagramSocket serves every peer; timeouts, retries and request ids; "
            + "truncation and the 65,507-byte limit; connected UDP and ICMP port unreachable.";

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Lab04UdpExchange() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="04 --help"}. */
    @Command(name = "lab 04", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options {
    }

    public static void main(String[] args) throws Exception {
        Cli.parse(new Options(), args);
        System.out.println("Lab 04 — " + TITLE);
        try (DatagramEchoServer server = DatagramEchoServer.start(new InetSocketAddress(LOOPBACK, 0))) {
            InetSocketAddress address = server.localAddress();
            step(1, "socket() + bind(): the echo server owns one UDP socket at udp://" + hostPort(address)
                    + " — no listen(), no accept().");
            onePeerSocketManyPeers(server);
            timeoutsAndRetries(address);
            truncation();
            limits();
            connectedUdp(address);
        }
        System.out.println();
        System.out.println("Done. Read labs/guides/04-udp-exchange.md, section \"Questions\", next.");
    }

    private static void onePeerSocketManyPeers(DatagramEchoServer server) throws IOException {
        step(2, "Two peers, each with its own socket(), sendto() the same server socket.");
        try (DatagramSocket alice = openPeer(); DatagramSocket bob = openPeer()) {
            Datagrams.send(alice, utf8("hello from alice"), server.localAddress());
            Datagrams.send(bob, utf8("hello from bob"), server.localAddress());
            for (DatagramSocket peer : new DatagramSocket[] {alice, bob}) {
                ReceivedDatagram reply = Datagrams.receive(peer, 1024);
                say("recvfrom() on " + hostPort((InetSocketAddress) peer.getLocalSocketAddress()) + " returned \""
                        + new String(reply.data(), StandardCharsets.UTF_8) + "\" from " + reply.from());
            }
        }
        say("The server's single recvfrom() loop saw " + server.stats().peers()
                + " peers: each datagram carries its sender's address, so no per-peer socket is needed.");
    }

    private static void timeoutsAndRetries(InetSocketAddress echo) throws Exception {
        step(3, "Nothing guarantees a reply: a receive timeout (SO_RCVTIMEO) and bounded retries with backoff.");
        ClientOptions options = new ClientOptions(Duration.ofMillis(50), 3, 2.0, Duration.ofSeconds(1));
        try (DatagramSocket silent = openPeer();
             DatagramClient client = DatagramClient.open((InetSocketAddress) silent.getLocalSocketAddress(), options)) {
            client.request(utf8("is anyone there?"));
        } catch (RequestTimeoutException e) {
            say("A bound socket that never answers: " + e.getMessage());
        }
        Impairment lossy = Impairment.none().withLoss(0.4).withDuplicate(0.5);
        ClientOptions patient = new ClientOptions(Duration.ofMillis(30), 8, 2.0, Duration.ofMillis(500));
        try (LossyLink link = LossyLink.start(new InetSocketAddress(LOOPBACK, 0), echo, lossy, 4L);
             DatagramClient client = DatagramClient.open(link.address(), patient, 1L)) {
            int answered = 0;
            for (int i = 0; i < 10; i++) {
                try {
                    client.request(utf8("request " + i));
                    answered++;
                } catch (RequestTimeoutException e) {
                    say("request " + i + " gave up: " + e.getMessage());
                }
            }
            say("Through a link with 40% loss and 50% duplication: " + answered + "/10 answered; " + client.stats());
            say("staleDiscarded counts duplicate or late replies recognised by their request id and thrown away.");
        }
    }

    private static void truncation() throws IOException {
        step(4, "recvfrom() into a small buffer: the datagram is cut, and the rest is gone.");
        try (DatagramSocket sender = openPeer(); DatagramSocket receiver = openPeer()) {
            Datagrams.send(sender, new byte[100], receiver.getLocalSocketAddress());
            Datagrams.send(sender, utf8("next datagram"), receiver.getLocalSocketAddress());
            ReceivedDatagram cut = Datagrams.receive(receiver, 16);
            say("sent 100 bytes, received getLength() = " + cut.length() + " (buffer 16, possibly truncated: "
                    + cut.possiblyTruncated() + ")");
            ReceivedDatagram next = Datagrams.receive(receiver, 64);
            say("the next recvfrom() returns \"" + new String(next.data(), StandardCharsets.UTF_8)
                    + "\" — not the missing 84 bytes: UDP keeps message boundaries.");
        }
    }

    private static void limits() throws IOException {
        step(5, "The largest datagram: 65,535 (IPv4 total length) − 20 (IPv4 header) − 8 (UDP header) = 65,507.");
        try (DatagramSocket sender = openPeer(); DatagramSocket receiver = openPeer()) {
            receiver.setReceiveBufferSize(256 * 1024);
            Datagrams.send(sender, new byte[Datagrams.MAX_IPV4_PAYLOAD], receiver.getLocalSocketAddress());
            say("sendto() of 65,507 bytes: received " + Datagrams.receive(receiver, 70_000).length() + " bytes");
            try {
                Datagrams.send(sender, new byte[Datagrams.MAX_IPV4_PAYLOAD + 1], receiver.getLocalSocketAddress());
            } catch (DatagramTooLargeException e) {
                say("sendto() of 65,508 bytes fails: " + e.getMessage());
            }
        }
    }

    private static void connectedUdp(InetSocketAddress echo) throws IOException {
        step(6, "connect() on UDP sends nothing: it fixes the peer, filters what receive() returns, and lets ICMP errors in.");
        InetSocketAddress closed;
        try (DatagramSocket gone = openPeer()) {
            closed = (InetSocketAddress) gone.getLocalSocketAddress();
        }
        PortProbe.Result toEcho = PortProbe.probe(echo, utf8("probe"), Duration.ofMillis(300), 3);
        say("connected probe of the echo server: " + toEcho.outcome() + " after " + toEcho.attempts() + " attempt(s)");
        PortProbe.Result toClosed = PortProbe.probe(closed, utf8("probe"), Duration.ofMillis(300), 3);
        say("connected probe of closed port " + closed.getPort() + ": " + toClosed.outcome()
                + " — the kernel's ICMP port unreachable surfaced as PortUnreachableException on receive()");
        try (DatagramSocket unconnected = openPeer()) {
            unconnected.setSoTimeout(200);
            Datagrams.send(unconnected, utf8("probe"), closed);
            Datagrams.receive(unconnected, 64);
        } catch (java.net.SocketTimeoutException e) {
            say("the same probe from an unconnected socket: silence (receive timed out) — the error has no socket to go to");
        }
    }

    private static DatagramSocket openPeer() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0)); // socket() + bind()
        socket.setSoTimeout(2_000);
        return socket;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static void step(int number, String text) {
        System.out.println();
        System.out.println("[" + number + "] " + text);
    }

    private static void say(String text) {
        System.out.println("    " + text);
    }
}
