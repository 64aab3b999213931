package org.socketlab.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {

    private static final long LIMIT = 1 << 20;

    /** Decodes all frames from the bytes, fed in one piece. */
    static List<Frame> decodeAll(Role role, byte[] bytes) throws WebSocketProtocolException {
        FrameDecoder decoder = new FrameDecoder(role, LIMIT, 0);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        while ((frame = decoder.decode(in)) != null) {
            frames.add(copyOf(frame));
        }
        assertThat(in.hasRemaining()).isFalse();
        return frames;
    }

    /** Decodes all frames from the bytes, fed one byte at a time. */
    static List<Frame> decodeByteByByte(Role role, byte[] bytes) throws WebSocketProtocolException {
        FrameDecoder decoder = new FrameDecoder(role, LIMIT, 0);
        List<Frame> frames = new ArrayList<>();
        for (byte b : bytes) {
            ByteBuffer in = ByteBuffer.wrap(new byte[] {b});
            Frame frame = decoder.decode(in);
            assertThat(in.hasRemaining()).isFalse();
            if (frame != null) {
                frames.add(copyOf(frame));
            }
        }
        return frames;
    }

    static Frame copyOf(Frame frame) {
        return new Frame(frame.fin(), frame.rsv1(), frame.rsv2(), frame.rsv3(), frame.opcode(),
                ByteBuffer.wrap(frame.payloadBytes()));
    }

    static int closeCodeOf(Role role, String hex) {
        WebSocketProtocolException error = catchThrowableOfType(WebSocketProtocolException.class, () -> decodeByteByByte(role, Hex.bytes(hex)));
        assertThat(error).as("decoding %s as %s should fail", hex, role).isNotNull();
        return error.closeCode().code();
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Nested
    class Rfc6455Section5_7Examples {

        @Test
        void singleFrameUnmaskedText_decodesAsHello() throws WebSocketProtocolException {
            for (List<Frame> frames : List.of(
                    decodeAll(Role.CLIENT, Hex.bytes("81 05 | 48 65 6c 6c 6f")),
                    decodeByteByByte(Role.CLIENT, Hex.bytes("81 05 | 48 65 6c 6c 6f")))) {
                assertThat(frames).containsExactly(Frame.text("Hello"));
            }
        }

        @Test
        void singleFrameMaskedText_isUnmaskedToHello() throws WebSocketProtocolException {
            String hex = "81 85 | 37 fa 21 3d | 7f 9f 4d 51 58"; // FIN+TEXT, MASK+5, key, masked "Hello"
            assertThat(decodeAll(Role.SERVER, Hex.bytes(hex))).containsExactly(Frame.text("Hello"));
            assertThat(decodeByteByByte(Role.SERVER, Hex.bytes(hex))).containsExactly(Frame.text("Hello"));
        }

        @Test
        void fragmentedUnmaskedText_decodesAsTwoFrames() throws WebSocketProtocolException {
            String hex = "01 03 | 48 65 6c   80 02 | 6c 6f"; // TEXT "Hel" (FIN=0), CONTINUATION "lo" (FIN=1)
            assertThat(decodeByteByByte(Role.CLIENT, Hex.bytes(hex))).containsExactly(
                    Frame.of(Opcode.TEXT, ascii("Hel"), false),
                    Frame.continuation(ascii("lo"), true));
        }

        @Test
        void unmaskedPingAndMaskedPong_carryHello() throws WebSocketProtocolException {
            assertThat(decodeAll(Role.CLIENT, Hex.bytes("89 05 | 48 65 6c 6c 6f")))
                    .containsExactly(Frame.ping(ascii("Hello")));
            assertThat(decodeAll(Role.SERVER, Hex.bytes("8a 85 | 37 fa 21 3d | 7f 9f 4d 51 58")))
                    .containsExactly(Frame.pong(ascii("Hello")));
        }

        @Test
        void binary256Bytes_uses16BitLength() throws WebSocketProtocolException {
            byte[] wire = new byte[4 + 256];
            System.arraycopy(Hex.bytes("82 7e 01 00"), 0, wire, 0, 4);
            List<Frame> frames = decodeByteByByte(Role.CLIENT, wire);
            assertThat(frames).hasSize(1);
            assertThat(frames.get(0).opcode()).isEqualTo(Opcode.BINARY);
            assertThat(frames.get(0).payloadLength()).isEqualTo(256);
        }

        @Test
        void binary64KiB_uses64BitLength() throws WebSocketProtocolException {
            byte[] wire = new byte[10 + 65536];
            System.arraycopy(Hex.bytes("82 7f 00 00 00 00 00 01 00 00"), 0, wire, 0, 10);
            wire[wire.length - 1] = 7;
            List<Frame> frames = decodeAll(Role.CLIENT, wire);
            assertThat(frames).hasSize(1);
            assertThat(frames.get(0).payloadLength()).isEqualTo(65536);
            assertThat(frames.get(0).payloadBytes()[65535]).isEqualTo((byte) 7);
        }
    }

    @Nested
    class IncrementalInput {

        @Test
        void wholeFrameInInput_payloadIsASliceUnmaskedInPlace() throws WebSocketProtocolException {
            FrameDecoder decoder = new FrameDecoder(Role.SERVER, LIMIT, 0);
            byte[] wire = Hex.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58");
            Frame frame = decoder.decode(ByteBuffer.wrap(wire));
            assertThat(decoder.lastPayloadSharesInput()).isTrue();
            assertThat(frame.payload().array()).isSameAs(wire);
            assertThat(new String(wire, 6, 5, StandardCharsets.US_ASCII)).isEqualTo("Hello");
        }

        @Test
        void frameSpanningReads_isCollectedIntoItsOwnBuffer() throws WebSocketProtocolException {
            FrameDecoder decoder = new FrameDecoder(Role.CLIENT, LIMIT, 0);
            assertThat(decoder.decode(Hex.buffer("81 05 48 65"))).isNull();
            assertThat(decoder.isAtFrameBoundary()).isFalse();
            Frame frame = decoder.decode(Hex.buffer("6c 6c 6f"));
            assertThat(frame).isEqualTo(Frame.text("Hello"));
            assertThat(decoder.lastPayloadSharesInput()).isFalse();
            assertThat(decoder.isAtFrameBoundary()).isTrue();
        }

        @Test
        void twoFramesInOneRead_areReturnedOneAtATime() throws WebSocketProtocolException {
            FrameDecoder decoder = new FrameDecoder(Role.CLIENT, LIMIT, 0);
            ByteBuffer in = Hex.buffer("89 00  8a 01 41");
            assertThat(decoder.decode(in)).isEqualTo(Frame.ping(null));
            assertThat(in.remaining()).isEqualTo(3);
            assertThat(decoder.decode(in)).isEqualTo(Frame.pong(ascii("A")));
            assertThat(decoder.decode(in)).isNull();
        }

        @Test
        void readOnlyInput_isNotModified() throws WebSocketProtocolException {
            FrameDecoder decoder = new FrameDecoder(Role.SERVER, LIMIT, 0);
            byte[] wire = Hex.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58");
            Frame frame = decoder.decode(ByteBuffer.wrap(wire).asReadOnlyBuffer());
            assertThat(frame).isEqualTo(Frame.text("Hello"));
            assertThat(wire).isEqualTo(Hex.bytes("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
        }

        @Test
        void emptyPayloadWithMask_isDecoded() throws WebSocketProtocolException {
            assertThat(decodeByteByByte(Role.SERVER, Hex.bytes("82 80 01 02 03 04"))).containsExactly(Frame.binary(null));
        }
    }

    @Nested
    class Section5_2BaseFraming {

        @ParameterizedTest(name = "opcode 0x{0}")
        @ValueSource(strings = {"3", "4", "5", "6", "7", "b", "c", "d", "e", "f"})
        void reservedOpcode_closesWith1002(String opcode) {
            assertThat(closeCodeOf(Role.CLIENT, "8" + opcode + " 00")).isEqualTo(1002);
        }

        @ParameterizedTest(name = "first byte 0x{0}")
        @ValueSource(strings = {"c1", "a1", "91", "f1"})
        void rsvBitsWithoutExtension_closeWith1002(String firstByte) {
            assertThat(closeCodeOf(Role.CLIENT, firstByte + " 00")).isEqualTo(1002);
        }

        @Test
        void rsv1AllowedByNegotiatedExtension_isAccepted() throws WebSocketProtocolException {
            FrameDecoder decoder = new FrameDecoder(Role.CLIENT, LIMIT, FrameHeader.RSV1);
            Frame frame = decoder.decode(Hex.buffer("c1 01 41"));
            assertThat(frame.rsv1()).isTrue();
            assertThatThrownBy(() -> new FrameDecoder(Role.CLIENT, LIMIT, FrameHeader.RSV1).decode(Hex.buffer("a1 00")))
                    .isInstanceOf(WebSocketProtocolException.class);
        }

        @Test
        void rsvViolation_failsOnTheFirstByteAlone() {
            FrameDecoder decoder = new FrameDecoder(Role.CLIENT, LIMIT, 0);
            assertThatThrownBy(() -> decoder.decode(Hex.buffer("c1")))
                    .isInstanceOf(WebSocketProtocolException.class).hasMessageContaining("RSV");
        }

        @Test
        void sixtyFourBitLengthWithMostSignificantBitSet_closesWith1002() {
            assertThat(closeCodeOf(Role.CLIENT, "82 7f 80 00 00 00 00 00 00 01")).isEqualTo(1002);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "82 7e 00 00",                      // 0 in the 16-bit form
                "82 7e 00 7d",                      // 125 in the 16-bit form
                "82 7f 00 00 00 00 00 00 00 7e",    // 126 in the 64-bit form
                "82 7f 00 00 00 00 00 00 ff ff"})   // 65535 in the 64-bit form
        void nonMinimalLengthEncoding_closesWith1002(String hex) {
            // RFC 6455 §5.2: "the minimal number of bytes MUST be used to encode the length".
            assertThat(closeCodeOf(Role.CLIENT, hex)).isEqualTo(1002);
            WebSocketProtocolException error = catchThrowableOfType(WebSocketProtocolException.class,
                    () -> new FrameDecoder(Role.CLIENT, LIMIT, 0).decode(Hex.buffer(hex)));
            assertThat(error).hasMessageContaining("minimal number of bytes").hasMessageContaining("§5.2");
        }

        @Test
        void minimalExtendedLengths_areAccepted() throws WebSocketProtocolException {
            byte[] sixteen = new byte[4 + 126];
            System.arraycopy(Hex.bytes("82 7e 00 7e"), 0, sixteen, 0, 4);
            assertThat(decodeByteByByte(Role.CLIENT, sixteen).get(0).payloadLength()).isEqualTo(126);
            byte[] sixtyFour = new byte[10 + 65536];
            System.arraycopy(Hex.bytes("82 7f 00 00 00 00 00 01 00 00"), 0, sixtyFour, 0, 10);
            assertThat(decodeAll(Role.CLIENT, sixtyFour).get(0).payloadLength()).isEqualTo(65536);
        }

        @Test
        void afterAFailure_theDecoderKeepsFailing() {
            FrameDecoder decoder = new FrameDecoder(Role.CLIENT, LIMIT, 0);
            assertThatThrownBy(() -> decoder.decode(Hex.buffer("83 00"))).isInstanceOf(WebSocketProtocolException.class);
            assertThatThrownBy(() -> decoder.decode(Hex.buffer("81 00"))).isInstanceOf(WebSocketProtocolException.class);
        }
    }

    /** The resumable steps that {@link FrameDecoder#next} reports (what the protocol switches on). */
    @Nested
    class Steps {

        @Test
        void wholeMaskedFrame_isOneFrameStep_unmaskedInPlace() throws WebSocketProtocolException {
            FrameDecoder decoder = new FrameDecoder(Role.SERVER, LIMIT, 0);
            ByteBuffer in = Hex.buffer("81 85 | 37 fa 21 3d | 7f 9f 4d 51 58");
            assertThat(decoder.next(in)).isEqualTo(FrameDecoder.Step.FRAME);
            assertThat(decoder.chunkBuffer()).isSameAs(in);
            assertThat(Hex.of(in.slice(decoder.chunkOffset(), decoder.chunkLength()))).isEqualTo("48 65 6c 6c 6f");
            assertThat(decoder.next(in)).isEqualTo(FrameDecoder.Step.NEED_MORE);
            assertThat(decoder.state()).isEqualTo(FrameDecoder.State.FIRST_BYTE);
        }

        @Test
        void splitFrame_isHeaderThenChunksAsTheyArrive_withTheKeyContinuing() throws WebSocketProtocolException {
            FrameDecoder decoder = new FrameDecoder(Role.SERVER, LIMIT, 0);
            ByteBuffer whole = Hex.buffer("81 85 | 37 fa 21 3d | 7f 9f 4d 51 58");
            ByteBuffer first = whole.slice(0, 4);
            assertThat(decoder.next(first)).isEqualTo(FrameDecoder.Step.NEED_MORE);
            assertThat(decoder.state()).isEqualTo(FrameDecoder.State.MASKING_KEY);
            ByteBuffer second = whole.slice(4, 3);
            assertThat(decoder.next(second)).isEqualTo(FrameDecoder.Step.HEADER);
            assertThat(decoder.payloadLength()).isEqualTo(5);
            assertThat(decoder.next(second)).isEqualTo(FrameDecoder.Step.PAYLOAD_CHUNK);
            assertThat(Hex.of(second.slice(decoder.chunkOffset(), decoder.chunkLength()))).isEqualTo("48");
            assertThat(decoder.chunkEndsFrame()).isFalse();
            ByteBuffer third = whole.slice(7, 4);
            assertThat(decoder.next(third)).isEqualTo(FrameDecoder.Step.PAYLOAD_CHUNK);
            assertThat(Hex.of(third.slice(decoder.chunkOffset(), decoder.chunkLength()))).isEqualTo("65 6c 6c 6f");
            assertThat(decoder.chunkEndsFrame()).isTrue();
            assertThat(decoder.isAtFrameBoundary()).isTrue();
        }

        @Test
        void hugeDeclaredLength_allocatesNothing_andReportsOnlyTheHeader() throws WebSocketProtocolException {
            // Issue 17: 16 MiB declared, 3 bytes sent; the decoder must not hold a 16 MiB buffer.
            FrameDecoder decoder = new FrameDecoder(Role.CLIENT, 32 << 20, 0);
            ByteBuffer in = Hex.buffer("82 7f 00 00 00 00 01 00 00 00 | 01 02 03");
            assertThat(decoder.next(in)).isEqualTo(FrameDecoder.Step.HEADER);
            assertThat(decoder.payloadLength()).isEqualTo(16 << 20);
            assertThat(decoder.next(in)).isEqualTo(FrameDecoder.Step.PAYLOAD_CHUNK);
            assertThat(decoder.chunkLength()).isEqualTo(3);
            assertThat(decoder.chunkBuffer()).isSameAs(in);
            assertThat(decoder.next(in)).isEqualTo(FrameDecoder.Step.NEED_MORE);
            assertThat(decoder.state()).isEqualTo(FrameDecoder.State.PAYLOAD);
        }

        @Test
        void aViolation_leavesTheDecoderCorrupt() {
            FrameDecoder decoder = new FrameDecoder(Role.SERVER, LIMIT, 0);
            assertThatThrownBy(() -> decoder.next(Hex.buffer("81 05"))).isInstanceOf(WebSocketProtocolException.class);
            assertThat(decoder.state()).isEqualTo(FrameDecoder.State.CORRUPT);
        }
    }

    @Nested
    class Section5_1Masking {

        @Test
        void serverReceivesUnmaskedFrame_closesWith1002() {
            assertThat(closeCodeOf(Role.SERVER, "81 05 48 65 6c 6c 6f")).isEqualTo(1002);
        }

        @Test
        void clientReceivesMaskedFrame_closesWith1002() {
            assertThat(closeCodeOf(Role.CLIENT, "81 85 37 fa 21 3d 7f 9f 4d 51 58")).isEqualTo(1002);
        }
    }

    @Nested
    class Section5_5ControlFrames {

        @Test
        void controlFrameWithFinZero_closesWith1002() {
            assertThat(closeCodeOf(Role.CLIENT, "09 00")).isEqualTo(1002); // fragmented ping
            assertThat(closeCodeOf(Role.CLIENT, "0a 00")).isEqualTo(1002); // fragmented pong
            assertThat(closeCodeOf(Role.CLIENT, "08 00")).isEqualTo(1002); // fragmented close
        }

        @Test
        void pingWith126BytePayload_closesWith1002() {
            assertThat(closeCodeOf(Role.CLIENT, "89 7e 00 7e")).isEqualTo(1002);
        }

        @Test
        void pingWith125BytePayload_isAccepted() throws WebSocketProtocolException {
            byte[] wire = new byte[2 + 125];
            wire[0] = (byte) 0x89;
            wire[1] = 125;
            assertThat(decodeAll(Role.CLIENT, wire).get(0).payloadLength()).isEqualTo(125);
        }
    }

    @Nested
    class Section5_5_1ClosePayload {

        @Test
        void emptyClose_isAccepted() throws WebSocketProtocolException {
            assertThat(decodeAll(Role.CLIENT, Hex.bytes("88 00"))).containsExactly(Frame.close(null, null));
        }

        @Test
        void closeWithOneBytePayload_closesWith1002() {
            assertThat(closeCodeOf(Role.CLIENT, "88 01 03")).isEqualTo(1002);
        }

        @ParameterizedTest(name = "code {0}")
        @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
        void closeWithInvalidCode_closesWith1002(int code) {
            String hex = "88 02 %02x %02x".formatted(code >> 8, code & 0xFF);
            assertThat(closeCodeOf(Role.CLIENT, hex)).isEqualTo(1002);
        }

        @ParameterizedTest(name = "code {0}")
        @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
        void closeWithValidCode_isAccepted(int code) throws WebSocketProtocolException {
            String hex = "88 02 %02x %02x".formatted(code >> 8, code & 0xFF);
            assertThat(decodeAll(Role.CLIENT, Hex.bytes(hex))).hasSize(1);
        }

        @Test
        void closeReasonInvalidUtf8_closesWith1007() {
            // Autobahn 7.5.1: code 1000 then ce ba e1 bd b9 ce bc ce b5 ed a0 80 (a surrogate).
            assertThat(closeCodeOf(Role.CLIENT, "88 0e 03 e8 ce ba e1 bd b9 ce bc ce b5 ed a0 80")).isEqualTo(1007);
        }

        @Test
        void closeWithCodeAndReason_isParsed() throws WebSocketProtocolException {
            Frame frame = decodeAll(Role.CLIENT, Hex.bytes("88 05 03 e8 62 79 65")).get(0);
            assertThat(CloseStatus.parse(frame.payload())).isEqualTo(new CloseStatus(CloseCode.NORMAL_CLOSURE, "bye"));
        }
    }

    @Nested
    class Section10_4Limits {

        @Test
        void declaredLengthOverLimit_closesWith1009_beforeThePayloadArrives() {
            FrameDecoder decoder = new FrameDecoder(Role.CLIENT, 1000, 0);
            WebSocketProtocolException error = catchThrowableOfType(WebSocketProtocolException.class,
                    () -> decoder.decode(Hex.buffer("82 7e 03 e9"))); // 1001 bytes announced, none sent
            assertThat(error.closeCode()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
            assertThat(error).hasMessageContaining("1001").hasMessageContaining("1000");
        }

        @Test
        void hugeDeclaredLength_failsWithoutAllocating() {
            // 2^62 bytes announced; an allocation attempt would throw OutOfMemoryError instead.
            FrameDecoder decoder = new FrameDecoder(Role.CLIENT, LIMIT, 0);
            WebSocketProtocolException error = catchThrowableOfType(WebSocketProtocolException.class,
                    () -> decoder.decode(Hex.buffer("82 7f 40 00 00 00 00 00 00 00")));
            assertThat(error.closeCode().code()).isEqualTo(1009);
        }

        @Test
        void lengthAtTheLimit_isAccepted() throws WebSocketProtocolException {
            FrameDecoder decoder = new FrameDecoder(Role.CLIENT, 126, 0);
            ByteBuffer in = ByteBuffer.allocate(4 + 126).put(Hex.bytes("82 7e 00 7e")).clear();
            assertThat(decoder.decode(in).payloadLength()).isEqualTo(126);
        }

        @Test
        void invalidConstructorArguments_areTheCallersFault() {
            assertThatThrownBy(() -> new FrameDecoder(Role.CLIENT, -1, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new FrameDecoder(Role.CLIENT, 10, 0x80)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
