package org.socketlab.tcp.wire;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class PcapWriterTest {

    static final int SERVER_PORT = 9001;
    static final String UPGRADE_REQUEST = "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    static final String UPGRADE_RESPONSE = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
    /** RFC 6455 §5.7: a masked text frame "Hello" (client) and an unmasked one (server). */
    static final byte[] MASKED_HELLO = HexFormat.of().parseHex("818537fa213d7f9f4d5158");
    static final byte[] UNMASKED_HELLO = HexFormat.of().parseHex("810548656c6c6f");

    /** Client connects, upgrades, sends "Hello" masked, gets "Hello" back, both half-close. */
    static byte[] webSocketSession() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Instant t0 = Instant.parse("2026-11-23T18:00:00Z");
        try (PcapWriter writer = new PcapWriter(file)) {
            PcapTcpFlow flow = writer.openFlow(new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_000),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), SERVER_PORT), t0);
            flow.data(Direction.CLIENT_TO_SERVER, ByteBuffer.wrap(UPGRADE_REQUEST.getBytes(US_ASCII)), t0.plusMillis(1));
            flow.data(Direction.SERVER_TO_CLIENT, ByteBuffer.wrap(UPGRADE_RESPONSE.getBytes(US_ASCII)), t0.plusMillis(2));
            flow.data(Direction.CLIENT_TO_SERVER, ByteBuffer.wrap(MASKED_HELLO), t0.plusMillis(3));
            flow.data(Direction.SERVER_TO_CLIENT, ByteBuffer.wrap(UNMASKED_HELLO), t0.plusMillis(4));
            flow.fin(Direction.SERVER_TO_CLIENT, t0.plusMillis(5));
            flow.fin(Direction.CLIENT_TO_SERVER, t0.plusMillis(6));
        }
        return file.toByteArray();
    }

    /** The records of a capture: each an IPv4 packet. */
    static List<ByteBuffer> packets(byte[] capture) {
        ByteBuffer in = ByteBuffer.wrap(capture);
        in.position(24);
        List<ByteBuffer> packets = new ArrayList<>();
        while (in.hasRemaining()) {
            in.position(in.position() + 8);
            int included = in.getInt();
            int original = in.getInt();
            assertThat(included).isEqualTo(original);
            packets.add(in.slice(in.position(), included));
            in.position(in.position() + included);
        }
        return packets;
    }

    @Nested
    class FileFormat {

        @Test
        void globalHeader_isClassicLibpcapWithRawIpv4LinkType() throws IOException {
            ByteBuffer header = ByteBuffer.wrap(webSocketSession(), 0, 24);
            assertThat(header.getInt()).isEqualTo(0xa1b2c3d4);                  // magic, microsecond timestamps
            assertThat(header.getShort()).isEqualTo((short) 2);                 // version 2.4
            assertThat(header.getShort()).isEqualTo((short) 4);
            header.position(20);
            assertThat(header.getInt()).isEqualTo(PcapWriter.LINKTYPE_RAW);
        }

        @Test
        void sessionHasHandshakeDataFinsAndFinalAck() throws IOException {
            List<ByteBuffer> packets = packets(webSocketSession());
            List<Integer> flags = packets.stream().map(packet -> packet.get(20 + 13) & 0xFF).toList();
            int synAck = TcpSegment.SYN | TcpSegment.ACK;
            int pshAck = TcpSegment.PSH | TcpSegment.ACK;
            int finAck = TcpSegment.FIN | TcpSegment.ACK;
            assertThat(flags).containsExactly(TcpSegment.SYN, synAck, TcpSegment.ACK,
                    pshAck, pshAck, pshAck, pshAck, finAck, finAck, TcpSegment.ACK);
        }

        @Test
        void everyChecksumVerifies() throws IOException {
            for (ByteBuffer packet : packets(webSocketSession())) {
                byte[] bytes = new byte[packet.remaining()];
                packet.duplicate().get(bytes);
                // RFC 1071: summing a header that includes its own checksum gives 0xFFFF, i.e. checksum() == 0.
                assertThat(TcpSegment.checksum(bytes, 0, 20, 0)).as("IPv4 header checksum").isZero();
                int tcpLength = bytes.length - 20;
                long pseudo = sum(bytes, 12, 8) + 6 + tcpLength;
                assertThat(TcpSegment.checksum(bytes, 20, tcpLength, pseudo)).as("TCP checksum").isZero();
            }
        }

        @Test
        void sequenceNumbersAdvanceByPayloadAndAcknowledgeThePeer() throws IOException {
            List<ByteBuffer> packets = packets(webSocketSession());
            long clientIsn = packets.get(0).getInt(24) & 0xFFFF_FFFFL;
            long serverIsn = packets.get(1).getInt(24) & 0xFFFF_FFFFL;
            assertThat(packets.get(1).getInt(28) & 0xFFFF_FFFFL).as("SYN-ACK acknowledges SYN").isEqualTo(clientIsn + 1);
            ByteBuffer hello = packets.get(5);                                  // masked "Hello" from the client
            assertThat(hello.getInt(24) & 0xFFFF_FFFFL).isEqualTo(clientIsn + 1 + UPGRADE_REQUEST.length());
            assertThat(hello.getInt(28) & 0xFFFF_FFFFL).isEqualTo(serverIsn + 1 + UPGRADE_RESPONSE.length());
        }

        @Test
        void chunkLargerThanAnIpv4PacketCanCarry_isSplitIntoConsecutiveSegments() throws IOException {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            Instant t0 = Instant.EPOCH;
            try (PcapWriter writer = new PcapWriter(file)) {
                PcapTcpFlow flow = writer.openFlow(new InetSocketAddress(InetAddress.getLoopbackAddress(), 1),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 2), t0);
                flow.data(Direction.CLIENT_TO_SERVER, ByteBuffer.allocate(70_000), t0);
            }
            List<ByteBuffer> packets = packets(file.toByteArray());
            assertThat(packets).hasSize(5);
            assertThat(packets.get(3).remaining() - 40).isEqualTo(TcpSegment.MAX_PAYLOAD);
            assertThat(packets.get(4).remaining() - 40).isEqualTo(70_000 - TcpSegment.MAX_PAYLOAD);
            long firstSeq = packets.get(3).getInt(24) & 0xFFFF_FFFFL;
            assertThat(packets.get(4).getInt(24) & 0xFFFF_FFFFL).isEqualTo(firstSeq + TcpSegment.MAX_PAYLOAD);
        }

        @Test
        void reset_isRstAckFromTheSideThatAborted() throws IOException {
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            try (PcapWriter writer = new PcapWriter(file)) {
                writer.openFlow(new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_000),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 9001), Instant.EPOCH)
                        .reset(Direction.SERVER_TO_CLIENT, Instant.EPOCH);
            }
            ByteBuffer rst = packets(file.toByteArray()).getLast();
            assertThat(rst.get(20 + 13) & 0xFF).isEqualTo(TcpSegment.RST | TcpSegment.ACK);
            assertThat(rst.getShort(20) & 0xFFFF).as("source port: the server").isEqualTo(9001);
        }

        @Test
        void checksumOfRfc1071Example() {
            // RFC 1071 §3: words 0001 f203 f4f5 f6f7 sum to ddf2 (one's complement), checksum 220d.
            byte[] bytes = HexFormat.of().parseHex("0001f203f4f5f6f7");
            assertThat(TcpSegment.checksum(bytes, 0, bytes.length, 0)).isEqualTo((short) 0x220d);
        }

        private static long sum(byte[] bytes, int from, int length) {
            long sum = 0;
            for (int i = from; i < from + length; i += 2) {
                sum += ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
            }
            return sum;
        }
    }

    @Nested
    class ReadBackByTshark {

        @Test
        void tsharkDecodesTheHandshakeTheFramesAndFindsNoTcpProblems(@TempDir Path dir) throws Exception {
            Path capture = dir.resolve("session.pcap");
            Files.write(capture, webSocketSession());
            String fields = Tshark.read(capture, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
                    "-d", "tcp.port==" + SERVER_PORT + ",http", "-T", "fields", "-E", "separator=|",
                    "-e", "tcp.flags.str", "-e", "ip.checksum.status", "-e", "tcp.checksum.status",
                    "-e", "http.request.method", "-e", "http.response.code", "-e", "websocket.opcode",
                    "-e", "websocket.mask", "-e", "websocket.payload.text", "-e", "tcp.analysis.flags");
            List<String[]> rows = fields.lines().filter(line -> line.contains("|"))
                    .map(line -> line.split("\\|", -1)).toList();
            assertThat(rows).as("one row per packet:%n%s", fields).hasSize(10);
            for (String[] row : rows) {
                assertThat(row[1] + "/" + row[2]).as("checksum status (1 = good):%n%s", fields).isEqualTo("1/1");
                assertThat(row[8]).as("tcp.analysis.flags (retransmission, lost segment...):%n%s", fields).isEmpty();
            }
            assertThat(rows.get(3)[3]).as("HTTP request method").isEqualTo("GET");
            assertThat(rows.get(4)[4]).as("HTTP response code").isEqualTo("101");
            assertThat(List.of(rows.get(5)[5], rows.get(5)[6], rows.get(5)[7])).as("client frame: text, masked, Hello")
                    .containsExactly("1", "1", "Hello");
            assertThat(List.of(rows.get(6)[5], rows.get(6)[6], rows.get(6)[7])).as("server frame: text, unmasked, Hello")
                    .containsExactly("1", "0", "Hello");
        }
    }
}
