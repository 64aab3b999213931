package org.socketlab.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FrameEncoderTest {

    private static final int RFC_KEY = 0x37fa213d;
    private final FrameEncoder server = new FrameEncoder(Role.SERVER, null);
    private final FrameEncoder rfcClient = new FrameEncoder(Role.CLIENT, MaskKeySource.fixed(RFC_KEY));

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Nested
    class Rfc6455Section5_7Examples {

        @Test
        void serverSingleFrameText_isByteExact() {
            assertThat(Hex.of(server.encode(Frame.text("Hello")))).isEqualTo("81 05 48 65 6c 6c 6f");
        }

        @Test
        void clientSingleFrameText_isMaskedByteExact() {
            assertThat(Hex.of(rfcClient.encode(Frame.text("Hello"))))
                    .isEqualTo("81 85 37 fa 21 3d 7f 9f 4d 51 58");
        }

        @Test
        void fragmentedText_isByteExact() {
            assertThat(Hex.of(server.encode(Frame.of(Opcode.TEXT, ascii("Hel"), false)))).isEqualTo("01 03 48 65 6c");
            assertThat(Hex.of(server.encode(Frame.continuation(ascii("lo"), true)))).isEqualTo("80 02 6c 6f");
        }

        @Test
        void pingAndMaskedPong_areByteExact() {
            assertThat(Hex.of(server.encode(Frame.ping(ascii("Hello"))))).isEqualTo("89 05 48 65 6c 6c 6f");
            assertThat(Hex.of(rfcClient.encode(Frame.pong(ascii("Hello")))))
                    .isEqualTo("8a 85 37 fa 21 3d 7f 9f 4d 51 58");
        }

        @Test
        void binary256Bytes_hasA16BitLengthHeader() {
            ByteBuffer wire = server.encode(Frame.binary(ByteBuffer.allocate(256)));
            assertThat(wire.remaining()).isEqualTo(4 + 256);
            assertThat(Hex.of(wire.slice(0, 4))).isEqualTo("82 7e 01 00");
        }

        @Test
        void binary64KiB_hasA64BitLengthHeader() {
            ByteBuffer wire = server.encode(Frame.binary(ByteBuffer.allocate(65536)));
            assertThat(wire.remaining()).isEqualTo(10 + 65536);
            assertThat(Hex.of(wire.slice(0, 10))).isEqualTo("82 7f 00 00 00 00 00 01 00 00");
        }
    }

    @Nested
    class Section5_2LengthEncoding {

        @Test
        void headerLength_usesTheShortestForm() {
            assertThat(FrameEncoder.headerLength(0, false)).isEqualTo(2);
            assertThat(FrameEncoder.headerLength(125, false)).isEqualTo(2);
            assertThat(FrameEncoder.headerLength(126, false)).isEqualTo(4);
            assertThat(FrameEncoder.headerLength(65535, false)).isEqualTo(4);
            assertThat(FrameEncoder.headerLength(65536, false)).isEqualTo(10);
            assertThat(FrameEncoder.headerLength(125, true)).isEqualTo(6);
            assertThat(FrameEncoder.headerLength(65536, true)).isEqualTo(14);
        }

        @Test
        void encodeIntoCallerBuffer_writesAtItsPosition() {
            ByteBuffer out = ByteBuffer.allocate(20).put((byte) 0xEE);
            int written = server.encode(Frame.text("Hi"), out);
            assertThat(written).isEqualTo(4);
            assertThat(Hex.of(out.flip())).isEqualTo("ee 81 02 48 69");
        }

        @Test
        void encodeIntoTooSmallBuffer_throwsBufferOverflow() {
            assertThatThrownBy(() -> server.encode(Frame.text("Hello"), ByteBuffer.allocate(6)))
                    .isInstanceOf(BufferOverflowException.class);
        }
    }

    @Nested
    class Section5_3ClientMasking {

        @Test
        void clientUsesAFreshKeyPerFrame() {
            FrameEncoder client = new FrameEncoder(Role.CLIENT, MaskKeySource.secureRandom());
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                keys.add(Hex.of(client.encode(Frame.text("x")).slice(2, 4)));
            }
            assertThat(keys).hasSizeGreaterThan(15);
        }

        @Test
        void clientWithoutAKeySource_usesSecureRandom() {
            FrameEncoder client = new FrameEncoder(Role.CLIENT, null);
            ByteBuffer first = client.encode(Frame.text("x"));
            ByteBuffer second = client.encode(Frame.text("x"));
            assertThat(first.get(1) & 0x80).isEqualTo(0x80);
            assertThat(first).isNotEqualTo(second); // two random keys collide with probability 2^-32
        }

        @Test
        void masking_leavesTheFramePayloadUntouched() {
            ByteBuffer payload = ascii("Hello");
            rfcClient.encode(Frame.binary(payload));
            assertThat(payload.position()).isZero();
            assertThat(StandardCharsets.US_ASCII.decode(payload).toString()).isEqualTo("Hello");
        }
    }

    @Nested
    class Section5_5SenderRules {

        @Test
        void controlFrameOver125Bytes_isRejectedAsCallerError() {
            assertThatThrownBy(() -> server.encode(Frame.ping(ByteBuffer.allocate(126))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("control frame payload is 126 bytes; the maximum is 125 (RFC 6455 §5.5)");
        }

        @Test
        void fragmentedControlFrame_isRejectedAsCallerError() {
            assertThatThrownBy(() -> server.encode(Frame.of(Opcode.PING, null, false)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void closeFrame_isCodeThenReason() {
            assertThat(Hex.of(server.encode(Frame.close(CloseCode.NORMAL_CLOSURE, "bye"))))
                    .isEqualTo("88 05 03 e8 62 79 65");
            assertThatThrownBy(() -> Frame.close(CloseCode.NO_STATUS_RECEIVED, ""))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Frame.close(CloseCode.NORMAL_CLOSURE, "x".repeat(124)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
