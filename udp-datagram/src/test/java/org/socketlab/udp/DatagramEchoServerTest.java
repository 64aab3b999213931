package org.socketlab.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class DatagramEchoServerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private DatagramEchoServer server;

    @BeforeEach
    void start() throws Exception {
        server = DatagramEchoServer.start(new InetSocketAddress(LOOPBACK, 0), 1_000);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static DatagramSocket peer() throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        socket.setSoTimeout(2_000);
        return socket;
    }

    @Test
    void oneSocketServesManyPeers_eachGetsItsOwnReply() throws Exception {
        try (DatagramSocket alice = peer(); DatagramSocket bob = peer()) {
            Datagrams.send(alice, "from alice".getBytes(StandardCharsets.UTF_8), server.localAddress());
            Datagrams.send(bob, "from bob".getBytes(StandardCharsets.UTF_8), server.localAddress());
            assertThat(new String(Datagrams.receive(bob, 100).data(), StandardCharsets.UTF_8)).isEqualTo("from bob");
            ReceivedDatagram toAlice = Datagrams.receive(alice, 100);
            assertThat(new String(toAlice.data(), StandardCharsets.UTF_8)).isEqualTo("from alice");
            assertThat(toAlice.from()).isEqualTo(server.localAddress());
        }
        assertThat(server.stats().peers()).isEqualTo(2);
    }

    @Nested
    class BadInput {
        @Test
        void emptyDatagramIsEchoedAsAnEmptyDatagram() throws Exception {
            try (DatagramSocket peer = peer()) {
                Datagrams.send(peer, new byte[0], server.localAddress());
                assertThat(Datagrams.receive(peer, 100).length()).isZero();
            }
        }

        @Test
        void garbageBytesAreEchoedUnchanged() throws Exception {
            long seed = 7L;
            System.out.println("garbage seed " + seed);
            byte[] garbage = new byte[1_000];
            new SplittableRandom(seed).nextBytes(garbage);
            try (DatagramSocket peer = peer()) {
                Datagrams.send(peer, garbage, server.localAddress());
                assertThat(Datagrams.receive(peer, 2_000).data()).isEqualTo(garbage);
            }
        }

        @Test
        void oversizedDatagramIsDroppedAndTheServerKeepsServing() throws Exception {
            try (DatagramSocket peer = peer()) {
                Datagrams.send(peer, new byte[1_001], server.localAddress());
                Datagrams.send(peer, "still alive?".getBytes(StandardCharsets.UTF_8), server.localAddress());
                // Loopback keeps order, so the first reply must be the small one: the big one got none.
                assertThat(new String(Datagrams.receive(peer, 2_000).data(), StandardCharsets.UTF_8)).isEqualTo("still alive?");
            }
            assertThat(server.stats().oversized()).isEqualTo(1);
            assertThat(server.stats().echoed()).isEqualTo(1);
        }

        @Test
        void maximalDatagramAtTheLimitIsEchoed() throws Exception {
            try (DatagramSocket peer = peer()) {
                Datagrams.send(peer, new byte[1_000], server.localAddress());
                assertThat(Datagrams.receive(peer, 2_000).length()).isEqualTo(1_000);
            }
        }
    }

    @Test
    void afterCloseNothingAnswers() throws Exception {
        InetSocketAddress address = server.localAddress();
        server.close();
        try (DatagramSocket peer = peer()) {
            peer.setSoTimeout(200);
            Datagrams.send(peer, new byte[] {1}, address);
            Executable receive = () -> Datagrams.receive(peer, 10);
            assertThatThrownBy(receive::execute).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void limitOutsideTheUdpRangeIsRejected() {
        assertThatThrownBy(() -> DatagramEchoServer.start(new InetSocketAddress(LOOPBACK, 0), 70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximum datagram is 70000 bytes; it must be within [0, 65527]");
    }
}
