package org.socketlab.udp.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.udp.reliable.Protocol;
import org.socketlab.udp.reliable.ReliabilityConfig;
import org.socketlab.udp.reliable.ReliableReceiver;
import org.socketlab.udp.reliable.ReliableSender;
import org.socketlab.udp.reliable.Segment;
import org.socketlab.udp.reliable.SegmentCodec;

/** The socket adapter on loopback, without a lossy link: bad datagrams are discarded, not fatal. */
@Timeout(10)
class DatagramEndpointRunnerTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final byte[] MESSAGE = "a stream that must survive garbage".getBytes(StandardCharsets.UTF_8);

    private static DatagramSocket open() throws Exception {
        return new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
    }

    @Test
    void garbageEmptyOversizedAndForeignDatagramsAreDiscardedAndTheTransferCompletes() throws Exception {
        ReliabilityConfig config = ReliabilityConfig.defaults().withSegmentSize(8);
        ReliableReceiver receiver = Protocol.SELECTIVE_REPEAT.newReceiver(config);
        try (DatagramSocket receiverSocket = open(); DatagramSocket senderSocket = open(); DatagramSocket vandal = open()) {
            InetSocketAddress receiverAddress = (InetSocketAddress) receiverSocket.getLocalSocketAddress();
            for (byte[] bad : new byte[][] {new byte[0], "GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII),
                    new byte[65_507]}) {
                vandal.send(new DatagramPacket(bad, bad.length, receiverAddress));
            }
            DatagramEndpointRunner receiving = new DatagramEndpointRunner(receiverSocket, null, receiver);
            CompletableFuture<Void> receiverDone = CompletableFuture.runAsync(() -> {
                try {
                    receiving.run(System.nanoTime() + Duration.ofSeconds(8).toNanos(), Duration.ofMillis(500).toNanos()); // lingers long enough to see the forged segment
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ReliableSender sender = Protocol.SELECTIVE_REPEAT.newSender(MESSAGE, config, System.nanoTime());
            new DatagramEndpointRunner(senderSocket, receiverAddress, sender)
                    .run(System.nanoTime() + Duration.ofSeconds(8).toNanos(), 0);
            // A well-formed segment from a stranger, after the receiver has locked onto the sender.
            byte[] forged = SegmentCodec.encode(Segment.data(0, "forged!!".getBytes(StandardCharsets.US_ASCII)));
            vandal.send(new DatagramPacket(forged, forged.length, receiverAddress));
            receiverDone.get(8, TimeUnit.SECONDS);
            assertThat(receiver.received()).isEqualTo(MESSAGE);
            assertThat(receiving.corruptDiscarded()).isEqualTo(3);
            assertThat(receiving.strangersDiscarded()).isEqualTo(1);
        }
    }

    @Test
    void senderWithNobodyListeningHitsItsDeadline() throws Exception {
        try (DatagramSocket senderSocket = open(); DatagramSocket silent = open()) {
            ReliableSender sender = Protocol.STOP_AND_WAIT.newSender(MESSAGE, ReliabilityConfig.defaults(), System.nanoTime());
            DatagramEndpointRunner runner = new DatagramEndpointRunner(senderSocket, silent.getLocalSocketAddress(), sender);
            assertThatThrownBy(() -> runner.run(System.nanoTime() + Duration.ofMillis(300).toNanos(), 0))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining("did not finish before its deadline");
            assertThat(sender.stats().retransmissions()).isPositive();
        }
    }
}
