package org.socketlab.udp.lossy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.udp.DatagramEchoServer;

/**
 * The real relay on loopback. Its decisions come from the same {@link ImpairmentPlan} as the
 * simulation, so a plan with the same seed predicts exactly which datagrams survive; only the
 * timing of delayed copies depends on the wall clock, and the tests check counts, not timings.
 */
@Timeout(15)
class LossyLinkTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long SEED = 20261123L;

    private static InetSocketAddress ephemeral() {
        return new InetSocketAddress(LOOPBACK, 0);
    }

    /** Sends n numbered datagrams through the link and collects what arrives until `quiet` passes with nothing. */
    private static List<Integer> sendThrough(LossyLink link, DatagramSocket target, int count, Duration quiet) throws Exception {
        try (DatagramSocket client = new DatagramSocket(ephemeral())) {
            for (int i = 0; i < count; i++) {
                byte[] body = ByteBuffer.allocate(4).putInt(i).array();
                client.send(new DatagramPacket(body, 4, link.address()));
            }
        }
        List<Integer> arrived = new ArrayList<>();
        target.setSoTimeout((int) quiet.toMillis());
        DatagramPacket packet = new DatagramPacket(new byte[16], 16);
        while (true) {
            try {
                target.receive(packet);
                arrived.add(ByteBuffer.wrap(packet.getData(), 0, 4).getInt());
            } catch (SocketTimeoutException e) {
                return arrived;
            }
        }
    }

    @Test
    void dropsExactlyTheDatagramsTheSeededPlanDrops() throws Exception {
        Impairment impairment = Impairment.none().withLoss(0.3);
        System.out.println("seed " + SEED);
        ImpairmentPlan oracle = new ImpairmentPlan(impairment, SEED);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (!oracle.next(0).dropped()) {
                expected.add(i);
            }
        }
        try (DatagramSocket target = new DatagramSocket(ephemeral());
             LossyLink link = LossyLink.start(ephemeral(), (InetSocketAddress) target.getLocalSocketAddress(), impairment, SEED)) {
            List<Integer> arrived = sendThrough(link, target, 100, Duration.ofMillis(300)); // stays well inside the socket buffers
            assertThat(arrived).as("seed %d", SEED).isEqualTo(expected); // no delay, so order is kept
            assertThat(link.stats().dropped()).isEqualTo(100 - expected.size());
        }
    }

    @Test
    void duplicatesEveryDatagramWhenToldTo() throws Exception {
        try (DatagramSocket target = new DatagramSocket(ephemeral());
             LossyLink link = LossyLink.start(new InetSocketAddress(LOOPBACK, 0), (InetSocketAddress) target.getLocalSocketAddress(),
                     Impairment.none().withDuplicate(1.0), SEED)) {
            List<Integer> arrived = sendThrough(link, target, 20, Duration.ofMillis(300));
            assertThat(arrived).hasSize(40);
            for (int i = 0; i < 20; i++) {
                Integer number = i;
                assertThat(arrived).as("datagram %d", i).filteredOn(number::equals).hasSize(2);
            }
        }
    }

    @Test
    void heldBackDatagramsAreOvertakenByLaterOnes() throws Exception {
        // Which datagrams are held back 200 ms is known in advance from a plan with the same seed.
        Impairment impairment = Impairment.none().withReorder(0.5, Duration.ofMillis(200));
        ImpairmentPlan oracle = new ImpairmentPlan(impairment, SEED);
        List<Integer> heldBack = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            if (oracle.next(0).reordered()) {
                heldBack.add(i);
            }
        }
        System.out.println("seed " + SEED + " holds back " + heldBack);
        try (DatagramSocket target = new DatagramSocket(ephemeral());
             LossyLink link = LossyLink.start(new InetSocketAddress(LOOPBACK, 0), (InetSocketAddress) target.getLocalSocketAddress(), impairment, SEED)) {
            List<Integer> arrived = sendThrough(link, target, 10, Duration.ofMillis(600));
            assertThat(arrived).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            // Those held back arrive after every one that was not.
            assertThat(arrived.subList(10 - heldBack.size(), 10)).containsExactlyInAnyOrderElementsOf(heldBack);
            assertThat(link.stats().reordered()).isEqualTo(heldBack.size());
        }
    }

    @Test
    void repliesTravelBackToTheClient() throws Exception {
        try (DatagramEchoServer echo = DatagramEchoServer.start(new InetSocketAddress(LOOPBACK, 0));
             LossyLink link = LossyLink.start(new InetSocketAddress(LOOPBACK, 0), echo.localAddress(), Impairment.none(), SEED);
             DatagramSocket client = new DatagramSocket(ephemeral())) {
            client.setSoTimeout(2_000);
            client.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, link.address()));
            DatagramPacket reply = new DatagramPacket(new byte[16], 16);
            client.receive(reply);
            assertThat(reply.getLength()).isEqualTo(3);
            assertThat(reply.getSocketAddress()).isEqualTo(link.address());
            assertThat(link.stats().delivered()).isEqualTo(2);
        }
    }

    @Test
    void survivesADeadTargetAndKeepsRelaying() throws Exception {
        InetSocketAddress dead;
        try (DatagramSocket gone = new DatagramSocket(ephemeral())) {
            dead = (InetSocketAddress) gone.getLocalSocketAddress();
        }
        try (LossyLink link = LossyLink.start(new InetSocketAddress(LOOPBACK, 0), dead, Impairment.none(), SEED);
             DatagramSocket client = new DatagramSocket(ephemeral())) {
            for (int i = 0; i < 5; i++) {
                client.send(new DatagramPacket(new byte[] {1}, 1, link.address())); // ICMP errors come back to the link
            }
            try (DatagramSocket revived = new DatagramSocket(dead)) {
                revived.setSoTimeout(2_000);
                client.send(new DatagramPacket(new byte[] {9}, 1, link.address()));
                DatagramPacket packet = new DatagramPacket(new byte[4], 4);
                do {
                    revived.receive(packet);
                } while (packet.getData()[0] != 9);
                assertThat(packet.getData()[0]).isEqualTo((byte) 9);
            }
        }
    }
}
