package org.socketlab.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** connect() on UDP: a peer filter, and the door through which ICMP errors come in. */
@Timeout(15)
class PortProbeTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** A loopback port that was just free: bind, note the port, close. */
    static InetSocketAddress closedPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }
    }

    @Test
    void connectedSocketReceivesOnlyFromItsPeer() throws Exception {
        try (DatagramSocket local = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            local.connect(peer.getLocalSocketAddress());
            local.setSoTimeout(2_000);
            byte[] fromStranger = "stranger".getBytes(StandardCharsets.US_ASCII);
            byte[] fromPeer = "peer".getBytes(StandardCharsets.US_ASCII);
            stranger.send(new DatagramPacket(fromStranger, fromStranger.length, local.getLocalSocketAddress()));
            peer.send(new DatagramPacket(fromPeer, fromPeer.length, local.getLocalSocketAddress()));
            DatagramPacket packet = new DatagramPacket(new byte[64], 64);
            local.receive(packet);
            assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII)).isEqualTo("peer");
            // The stranger's datagram was filtered by the kernel: nothing else is waiting.
            local.setSoTimeout(200);
            assertThatThrownBy(() -> local.receive(new DatagramPacket(new byte[64], 64)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void connectedSocketRefusesToSendElsewhere() throws Exception {
        try (DatagramSocket local = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            local.connect(closedPort());
            assertThatThrownBy(() -> local.send(new DatagramPacket(new byte[1], 1, new InetSocketAddress(LOOPBACK, 9))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closedPortAnswersWithIcmpPortUnreachable() throws Exception {
        PortProbe.Result result = PortProbe.probe(closedPort(), new byte[] {1}, Duration.ofMillis(500), 5);
        assertThat(result.outcome())
                .as("Linux reports ICMP port unreachable to a connected socket as PortUnreachableException")
                .isEqualTo(PortProbe.Outcome.PORT_UNREACHABLE);
    }

    @Test
    void theErrorSurfacesOnTheNextCallNotOnTheSend() throws Exception {
        try (DatagramSocket local = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            local.connect(closedPort());
            local.setSoTimeout(500);
            boolean seen = false;
            for (int attempt = 0; attempt < 5 && !seen; attempt++) {
                local.send(new DatagramPacket(new byte[1], 1)); // succeeds: the datagram left
                try {
                    local.receive(new DatagramPacket(new byte[8], 8));
                } catch (PortUnreachableException e) {
                    seen = true;
                } catch (SocketTimeoutException e) {
                    // ICMP may be rate-limited: retry a bounded number of times
                }
            }
            assertThat(seen).isTrue();
        }
    }

    @Test
    void unconnectedSocketNeverHearsAboutIt_itJustTimesOut() throws Exception {
        try (DatagramSocket local = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            local.setSoTimeout(200);
            local.send(new DatagramPacket(new byte[1], 1, closedPort()));
            assertThatThrownBy(() -> local.receive(new DatagramPacket(new byte[8], 8)))
                    .isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void listeningEchoServerReplies() throws Exception {
        try (DatagramEchoServer server = DatagramEchoServer.start(new InetSocketAddress(LOOPBACK, 0))) {
            assertThat(PortProbe.probe(server.localAddress(), new byte[] {1}, Duration.ofMillis(500), 3).outcome())
                    .isEqualTo(PortProbe.Outcome.REPLIED);
        }
    }
}
