package org.socketlab.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Datagram boundaries and limits on 127.0.0.1 (IPv4: the 65,507-byte rule). */
@Timeout(10)
class DatagramsTest {
    private static final InetAddress IPV4_LOOPBACK = InetAddress.getLoopbackAddress();
    private DatagramSocket sender;
    private DatagramSocket receiver;

    @BeforeEach
    void open() throws Exception {
        sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        receiver = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        receiver.setSoTimeout(2_000);
        receiver.setReceiveBufferSize(256 * 1024);
    }

    @AfterEach
    void close() {
        sender.close();
        receiver.close();
    }

    @Test
    void theIpv4LimitIs65535MinusIpHeaderMinusUdpHeader() {
        assertThat(Datagrams.MAX_IPV4_PAYLOAD).isEqualTo(65_535 - 20 - 8).isEqualTo(65_507);
        assertThat(Datagrams.MAX_IPV6_PAYLOAD).isEqualTo(65_527);
        assertThat(IPV4_LOOPBACK.getAddress()).hasSize(4);
    }

    @Nested
    class Truncation {
        @Test
        void aSmallBufferTruncatesTheDatagramAndTheRestIsGoneForGood() throws Exception {
            byte[] hundred = new byte[100];
            Arrays.fill(hundred, (byte) 'x');
            Datagrams.send(sender, hundred, receiver.getLocalSocketAddress());
            Datagrams.send(sender, "next".getBytes(StandardCharsets.US_ASCII), receiver.getLocalSocketAddress());

            ReceivedDatagram first = Datagrams.receive(receiver, 16);
            assertThat(first.length()).isEqualTo(16);           // getLength(): only what fit
            assertThat(first.possiblyTruncated()).isTrue();
            // The next receive returns the next datagram, not the other 84 bytes: UDP keeps message
            // boundaries, and what did not fit was discarded by the kernel.
            ReceivedDatagram second = Datagrams.receive(receiver, 16);
            assertThat(new String(second.data(), StandardCharsets.US_ASCII)).isEqualTo("next");
            assertThat(second.possiblyTruncated()).isFalse();
        }

        @Test
        void aBufferOneByteLargerThanTheLimitTellsTooLongApartFromExact() throws Exception {
            Datagrams.send(sender, new byte[64], receiver.getLocalSocketAddress());
            Datagrams.send(sender, new byte[65], receiver.getLocalSocketAddress());
            assertThat(Datagrams.receive(receiver, 65).possiblyTruncated()).isFalse();
            assertThat(Datagrams.receive(receiver, 65).possiblyTruncated()).isTrue();
        }
    }

    @Nested
    class MaximumSize {
        @Test
        void largestIpv4PayloadArrivesWhole() throws Exception {
            byte[] largest = new byte[Datagrams.MAX_IPV4_PAYLOAD];
            largest[largest.length - 1] = 42;
            Datagrams.send(sender, largest, receiver.getLocalSocketAddress());
            ReceivedDatagram received = Datagrams.receive(receiver, Datagrams.MAX_IPV4_PAYLOAD + 1);
            assertThat(received.length()).isEqualTo(65_507);
            assertThat(received.data()).isEqualTo(largest);
        }

        @Test
        void oneByteMoreFailsWithTheRuleSpelledOut() {
            byte[] tooLarge = new byte[Datagrams.MAX_IPV4_PAYLOAD + 1];
            assertThatThrownBy(() -> Datagrams.send(sender, tooLarge, receiver.getLocalSocketAddress()))
                    .isInstanceOf(DatagramTooLargeException.class)
                    .hasMessageStartingWith("datagram payload is 65,508 bytes; the maximum over IPv4 is 65,507 "
                            + "= 65,535 (IPv4 total length) − 20 (IPv4 header) − 8 (UDP header) (RFC 791 §3.1, RFC 768)")
                    .hasMessageContaining("Message too long")
                    .satisfies(e -> assertThat(((DatagramTooLargeException) e).length()).isEqualTo(65_508));
        }
    }
}
