package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.Lab04UdpExchange;
import org.socketlab.udp.ClientOptions;
import org.socketlab.udp.DatagramClient;
import org.socketlab.udp.DatagramEchoServer;
import org.socketlab.udp.DatagramTooLargeException;
import org.socketlab.udp.Datagrams;
import org.socketlab.udp.PortProbe;
import org.socketlab.udp.ReceivedDatagram;
import org.socketlab.udp.RequestTimeoutException;

/** Lab 04 — UDP exchange. Guide: labs/guides/04-udp-exchange.md. */
@Timeout(20)
class Lab04UdpExchangeGradingTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String GUIDE = "labs/guides/04-udp-exchange.md";

    private static DatagramSocket peer() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        socket.setSoTimeout(2_000);
        return socket;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Points(3)
    @DisplayName("Your echo server answers two peers from one socket, each at its own address")
    void oneSocketManyPeers() throws Exception {
        try (DatagramEchoServer server = DatagramEchoServer.start(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket alice = peer(); DatagramSocket bob = peer()) {
            Datagrams.send(alice, utf8("alice"), server.localAddress());
            Datagrams.send(bob, utf8("bob"), server.localAddress());
            String toBob = new String(Datagrams.receive(bob, 64).data(), StandardCharsets.UTF_8);
            String toAlice = new String(Datagrams.receive(alice, 64).data(), StandardCharsets.UTF_8);
            assertThat(List.of(toAlice, toBob)).as("steps: alice and bob each sendto() the server, then recvfrom(); "
                    + "each must get back its own bytes (see %s, \"One socket, many peers\")", GUIDE)
                    .containsExactly("alice", "bob");
            assertThat(server.stats().peers()).as("peers the server logged").isEqualTo(2);
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your echo server survives empty, garbage and oversized datagrams and keeps serving")
    void badInput() throws Exception {
        try (DatagramEchoServer server = DatagramEchoServer.start(new InetSocketAddress(LOOPBACK, 0), 512);
             DatagramSocket peer = peer()) {
            Datagrams.send(peer, new byte[0], server.localAddress());
            assertThat(Datagrams.receive(peer, 64).length()).as("an empty datagram is echoed as an empty datagram (%s, \"Bad input\")", GUIDE).isZero();
            Datagrams.send(peer, new byte[513], server.localAddress());
            Datagrams.send(peer, new byte[] {(byte) 0xFF, 0, (byte) 0xC3}, server.localAddress());
            assertThat(Datagrams.receive(peer, 1024).data())
                    .as("after an oversized datagram (513 > 512 bytes, dropped) the next reply must echo the garbage bytes (%s, \"Bad input\")", GUIDE)
                    .containsExactly((byte) 0xFF, 0, (byte) 0xC3);
            assertThat(server.stats().oversized()).isEqualTo(1);
        }
    }

    @Test
    @Points(3)
    @DisplayName("Your client retries a lost request with the same request id, waiting longer each time")
    void retriesWithBackoff() throws Exception {
        ClientOptions options = new ClientOptions(Duration.ofMillis(60), 5, 2.0, Duration.ofSeconds(1));
        assertThat(List.of(options.timeoutForAttempt(1), options.timeoutForAttempt(2), options.timeoutForAttempt(3)))
                .as("exponential backoff: 60, 120, 240 ms (%s, \"Timeouts and retries\")", GUIDE)
                .containsExactly(Duration.ofMillis(60), Duration.ofMillis(120), Duration.ofMillis(240));
        try (DatagramSocket server = peer();
             DatagramClient client = DatagramClient.open((InetSocketAddress) server.getLocalSocketAddress(), options, 9L)) {
            List<Long> ids = new ArrayList<>();
            CompletableFuture<Void> script = CompletableFuture.runAsync(() -> {
                try {
                    DatagramPacket packet = new DatagramPacket(new byte[64], 64);
                    for (int i = 0; i < 3; i++) {
                        server.receive(packet);
                        ids.add(ByteBuffer.wrap(packet.getData()).getLong());
                    }
                    server.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(client.request(utf8("x"))).isEqualTo(utf8("x"));
            script.get(5, TimeUnit.SECONDS);
            assertThat(ids).as("the server ignored two attempts and answered the third; every attempt must carry id 9 (%s)", GUIDE)
                    .containsExactly(9L, 9L, 9L);
        }
    }

    @Test
    @Points(3)
    @DisplayName("Your client recognises a late reply to an earlier request by its id and discards it")
    void lateReplyDiscarded() throws Exception {
        ClientOptions once = new ClientOptions(Duration.ofMillis(400), 1, 2.0, Duration.ofSeconds(1));
        try (DatagramSocket server = peer();
             DatagramClient client = DatagramClient.open((InetSocketAddress) server.getLocalSocketAddress(), once, 1L)) {
            CompletableFuture<Void> script = CompletableFuture.runAsync(() -> {
                try {
                    DatagramPacket first = new DatagramPacket(new byte[64], 64);
                    server.receive(first);
                    byte[] late = java.util.Arrays.copyOf(first.getData(), first.getLength());
                    DatagramPacket second = new DatagramPacket(new byte[64], 64);
                    server.receive(second);
                    server.send(new DatagramPacket(late, late.length, first.getSocketAddress()));
                    server.send(new DatagramPacket(second.getData(), second.getLength(), second.getSocketAddress()));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThatThrownBy(() -> client.request(utf8("first"))).isInstanceOf(RequestTimeoutException.class);
            byte[] reply = client.request(utf8("second"));
            script.get(5, TimeUnit.SECONDS);
            assertThat(new String(reply, StandardCharsets.UTF_8))
                    .as("the late echo of \"first\" arrived before the echo of \"second\" (%s, \"Request ids\")", GUIDE)
                    .isEqualTo("second");
            assertThat(client.stats().staleDiscarded()).isEqualTo(1);
        }
    }

    @Test
    @Points(2)
    @DisplayName("A 16-byte buffer truncates a 100-byte datagram, and the other 84 bytes are lost")
    void truncation() throws Exception {
        try (DatagramSocket sender = peer(); DatagramSocket receiver = peer()) {
            Datagrams.send(sender, new byte[100], receiver.getLocalSocketAddress());
            Datagrams.send(sender, utf8("next"), receiver.getLocalSocketAddress());
            ReceivedDatagram cut = Datagrams.receive(receiver, 16);
            assertThat(cut.length()).as("getLength() after receiving 100 bytes into 16 (%s, \"Truncation\")", GUIDE).isEqualTo(16);
            assertThat(new String(Datagrams.receive(receiver, 16).data(), StandardCharsets.UTF_8))
                    .as("the next receive must return the next datagram, not the rest of the first").isEqualTo("next");
        }
    }

    @Test
    @Points(2)
    @DisplayName("A 65,507-byte datagram crosses IPv4 loopback; 65,508 bytes fail with an error that explains the limit")
    void largestDatagram() throws Exception {
        try (DatagramSocket sender = peer(); DatagramSocket receiver = peer()) {
            receiver.setReceiveBufferSize(256 * 1024);
            Datagrams.send(sender, new byte[65_507], receiver.getLocalSocketAddress());
            assertThat(Datagrams.receive(receiver, 70_000).length()).isEqualTo(65_507);
            assertThatThrownBy(() -> Datagrams.send(sender, new byte[65_508], receiver.getLocalSocketAddress()))
                    .as("65,535 − 20 − 8 = 65,507 (%s, \"The largest datagram\")", GUIDE)
                    .isInstanceOf(DatagramTooLargeException.class)
                    .hasMessageContaining("65,508").hasMessageContaining("65,507").hasMessageContaining("UDP header");
        }
    }

    @Test
    @Points(2)
    @DisplayName("A connected UDP socket hears ICMP port unreachable as PortUnreachableException")
    void portUnreachable() throws Exception {
        InetSocketAddress closed;
        try (DatagramSocket gone = peer()) {
            closed = (InetSocketAddress) gone.getLocalSocketAddress();
        }
        PortProbe.Result result = PortProbe.probe(closed, new byte[] {1}, Duration.ofMillis(500), 5);
        assertThat(result.outcome()).as("probing closed loopback port %d from a connected socket, up to 5 attempts (%s, \"connect() on UDP\")",
                closed.getPort(), GUIDE).isEqualTo(PortProbe.Outcome.PORT_UNREACHABLE);
    }

    @Test
    @Points(1)
    @DisplayName("A connected UDP socket only receives datagrams from its peer")
    void connectFilters() throws Exception {
        try (DatagramSocket local = peer(); DatagramSocket friend = peer(); DatagramSocket stranger = peer()) {
            local.connect(friend.getLocalSocketAddress());
            stranger.send(new DatagramPacket(utf8("stranger"), 8, local.getLocalSocketAddress()));
            friend.send(new DatagramPacket(utf8("friend"), 6, local.getLocalSocketAddress()));
            DatagramPacket packet = new DatagramPacket(new byte[16], 16);
            local.receive(packet);
            assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
                    .as("(%s, \"connect() on UDP\")", GUIDE).isEqualTo("friend");
            local.setSoTimeout(150);
            try {
                local.receive(packet);
                fail("the stranger's datagram got through a connected socket (%s)", GUIDE);
            } catch (SocketTimeoutException expected) {
                // filtered by the kernel
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("The lab main runs and names each system call: socket(), bind(), sendto(), recvfrom(), connect()")
    void labMainNarrates() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            Lab04UdpExchange.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).as("lab 04 output (%s, \"What you should see\")", GUIDE)
                .contains("socket()", "bind()", "sendto()", "recvfrom()", "connect()", "PORT_UNREACHABLE", "getLength() = 16");
    }
}
