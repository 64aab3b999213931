package org.socketlab.udp.reliable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SegmentCodecTest {

    @Test
    void dataSegmentHasTheDocumentedLayout() {
        byte[] wire = SegmentCodec.encode(Segment.data(0x01020304, new byte[] {(byte) 0xAA, (byte) 0xBB}));
        String hex = HexFormat.of().formatHex(wire);
        assertThat(hex.substring(0, 16)).isEqualTo(
                "53"         // magic 'S'
                + "01"       // type DATA
                + "01020304" // seq, big-endian
                + "0002");   // payload length
        assertThat(hex.substring(16, 20)).isEqualTo("aabb");
        assertThat(wire).hasSize(2 + SegmentCodec.OVERHEAD);
    }

    @Test
    void everyTypeRoundTrips() throws Exception {
        for (Segment segment : new Segment[] {Segment.data(-1, new byte[] {1, 2, 3}), Segment.ack(7), Segment.fin(0),
                Segment.data(5, new byte[0])}) {
            assertThat(SegmentCodec.decode(SegmentCodec.encode(segment))).isEqualTo(segment);
        }
    }

    @Test
    void decodesFromAnOffsetInsideALargerBuffer() throws Exception {
        byte[] wire = SegmentCodec.encode(Segment.ack(42));
        byte[] buffer = new byte[wire.length + 10];
        System.arraycopy(wire, 0, buffer, 5, wire.length);
        assertThat(SegmentCodec.decode(buffer, 5, wire.length)).isEqualTo(Segment.ack(42));
    }

    @Nested
    class GarbageIsRejectedWithAReason {
        @Test
        void emptyDatagram() {
            assertThatThrownBy(() -> SegmentCodec.decode(new byte[0]))
                    .isInstanceOf(CorruptSegmentException.class)
                    .hasMessage("datagram is 0 bytes; a segment needs at least 12 (8-byte header + 4-byte CRC32)");
        }

        @Test
        void wrongMagic() {
            byte[] wire = SegmentCodec.encode(Segment.ack(1));
            wire[0] = 'G';
            assertThatThrownBy(() -> SegmentCodec.decode(wire)).hasMessage("first byte is 0x47; a segment starts with 0x53");
        }

        @Test
        void lengthFieldDisagreesWithTheDatagram() {
            byte[] wire = SegmentCodec.encode(Segment.data(1, new byte[10]));
            byte[] cut = java.util.Arrays.copyOf(wire, wire.length - 3);
            assertThatThrownBy(() -> SegmentCodec.decode(cut))
                    .hasMessage("length field says 10 payload bytes but the datagram carries 7");
        }

        @Test
        void everySingleFlippedByteIsDetected() {
            byte[] wire = SegmentCodec.encode(Segment.data(99, "hello, lossy world".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            for (int i = 0; i < wire.length; i++) {
                byte[] damaged = wire.clone();
                damaged[i] ^= 0x10;
                assertThatThrownBy(() -> SegmentCodec.decode(damaged)).as("flip at offset %d", i)
                        .isInstanceOf(CorruptSegmentException.class);
            }
        }

        @Test
        void randomGarbageNeverDecodes() {
            long seed = 20261123L;
            System.out.println("random garbage seed " + seed);
            SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < 10_000; i++) {
                byte[] garbage = new byte[random.nextInt(0, 64)];
                random.nextBytes(garbage);
                assertThatThrownBy(() -> SegmentCodec.decode(garbage)).as("seed %d, datagram %d", seed, i)
                        .isInstanceOf(CorruptSegmentException.class);
            }
        }

        @Test
        void unknownTypeWithAValidChecksum() throws Exception {
            byte[] wire = SegmentCodec.encode(Segment.ack(1));
            wire[1] = 9;
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(wire, 0, 8);
            java.nio.ByteBuffer.wrap(wire).putInt(8, (int) crc.getValue());
            assertThatThrownBy(() -> SegmentCodec.decode(wire))
                    .hasMessage("segment type is 9; the defined types are 1 (DATA), 2 (ACK), 3 (FIN)");
        }
    }

    @Test
    void anAckCannotCarryAPayload() {
        assertThatThrownBy(() -> new Segment(Segment.Type.ACK, 1, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ACK segment carries 1 payload bytes; only DATA may carry a payload");
    }
}
