package org.socketlab.websocket.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socketlab.websocket.inspect.Feeding.frames;
import static org.socketlab.websocket.inspect.Feeding.hex;
import static org.socketlab.websocket.inspect.Feeding.withoutProgress;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FrameDissectorTest {

    /** Every two-chunk split gives the same description as one chunk, apart from progress lines. */
    private static List<String> sameAtEverySplit(boolean fromClient, byte[] bytes) {
        List<String> whole = frames(fromClient, bytes);
        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(withoutProgress(frames(fromClient, bytes, cut))).as("split at byte %d", cut).isEqualTo(whole);
        }
        return whole;
    }

    @Nested
    class Rfc6455Section5_7Examples {

        @Test
        void singleFrameUnmaskedTextHello() {
            // 81: FIN, text · 05: unmasked, length 5 · "Hello"
            assertThat(sameAtEverySplit(false, hex("81 05 48656c6c6f"))).containsExactly(
                    "frame @0: FIN=1 opcode=0x1 TEXT MASK=0 length=5 (7-bit form), header 2 bytes",
                    "  text \"Hello\"");
        }

        @Test
        void singleFrameMaskedTextHello() {
            // 81: FIN, text · 85: masked, length 5 · key 37fa213d · "Hello" XOR key
            assertThat(sameAtEverySplit(true, hex("81 85 37fa213d 7f9f4d5158"))).containsExactly(
                    "frame @0: FIN=1 opcode=0x1 TEXT MASK=1 key=37fa213d length=5 (7-bit form), header 6 bytes",
                    "  text \"Hello\"");
        }

        @Test
        void fragmentedUnmaskedTextHelLo() {
            // 01: text, not FIN, "Hel" · 80: FIN, continuation, "lo"
            assertThat(sameAtEverySplit(false, hex("01 03 48656c 80 02 6c6f"))).containsExactly(
                    "frame @0: FIN=0 opcode=0x1 TEXT MASK=0 length=3 (7-bit form), header 2 bytes",
                    "  text \"Hel\"",
                    "frame @5: FIN=1 opcode=0x0 CONTINUATION MASK=0 length=2 (7-bit form), header 2 bytes",
                    "  continuation of text \"lo\"",
                    "  message complete: text, 2 frames, 5 bytes");
        }

        @Test
        void unmaskedPingAndMaskedPong() {
            assertThat(sameAtEverySplit(false, hex("89 05 48656c6c6f"))).containsExactly(
                    "frame @0: FIN=1 opcode=0x9 PING MASK=0 length=5 (7-bit form), header 2 bytes",
                    "  ping payload \"Hello\"");
            assertThat(sameAtEverySplit(true, hex("8a 85 37fa213d 7f9f4d5158"))).containsExactly(
                    "frame @0: FIN=1 opcode=0xA PONG MASK=1 key=37fa213d length=5 (7-bit form), header 6 bytes",
                    "  pong payload \"Hello\"");
        }

        @Test
        void binary256BytesUses16BitLength() {
            byte[] frame = new byte[4 + 256];
            System.arraycopy(hex("82 7e 0100"), 0, frame, 0, 4);                 // 7E: 16-bit length follows: 0x0100
            assertThat(sameAtEverySplit(false, frame)).containsExactly(
                    "frame @0: FIN=1 opcode=0x2 BINARY MASK=0 length=256 (16-bit extended form), header 4 bytes",
                    "  binary " + zeros(64) + " … (256 bytes)");
        }

        @Test
        void binary64KiBUses64BitLength() {
            byte[] frame = new byte[10 + 65_536];
            System.arraycopy(hex("82 7f 0000000000010000"), 0, frame, 0, 10);     // 7F: 64-bit length follows
            List<String> whole = frames(false, frame);
            assertThat(whole).containsExactly(
                    "frame @0: FIN=1 opcode=0x2 BINARY MASK=0 length=65536 (64-bit extended form), header 10 bytes",
                    "  binary " + zeros(64) + " … (65536 bytes)");
            for (int cut : new int[] {1, 2, 3, 9, 10, 11, 74, 32_768, 65_545}) {
                assertThat(withoutProgress(frames(false, frame, cut))).as("split at byte %d", cut).isEqualTo(whole);
            }
            assertThat(frames(false, frame, 32_778)).contains("… frame @0 payload 32768 of 65536 bytes so far");
        }

        private static String zeros(int count) {
            String[] bytes = new String[count];
            Arrays.fill(bytes, "00");
            return String.join(" ", bytes);
        }
    }

    /** With the field view on, each frame is also explained by lab 09's {@link FrameDump}. */
    @Nested
    class FieldByFieldView {

        private List<String> withFields(byte[] bytes, int... cuts) {
            FrameDissector dissector = new FrameDissector(true, null, 0, true);
            List<String> out = new java.util.ArrayList<>();
            for (java.nio.ByteBuffer chunk : Feeding.chunks(bytes, cuts)) {
                dissector.feed(chunk, out);
            }
            return out;
        }

        @Test
        void maskedHello_isShownAsFrameDumpShowsIt_evenWhenCut() {
            byte[] frame = hex("81 85 37fa213d 7f9f4d5158");
            for (int cut = 1; cut < frame.length; cut++) {
                assertThat(withFields(frame, cut)).as("cut at %d", cut).containsSubsequence(
                        "frame @0: FIN=1 opcode=0x1 TEXT MASK=1 key=37fa213d length=5 (7-bit form), header 6 bytes",
                        "    81                FIN=1 RSV1=0 RSV2=0 RSV3=0 opcode=0x1 (text)",
                        "    85                MASK=1 length=5 (7-bit form)",
                        "    37 fa 21 3d       masking key",
                        "    7f 9f 4d 51 58    payload, masked",
                        "                      unmasked: 48 65 6c 6c 6f",
                        "  text \"Hello\"");
            }
        }

        @Test
        void longFrame_showsItsStart_andCountsTheRest() {
            byte[] frame = new byte[8 + 300];
            System.arraycopy(hex("82 fe 012c 00000000"), 0, frame, 0, 8);           // masked with key 0, 300 bytes
            assertThat(withFields(frame, 100)).contains("    01 2c             extended length = 300 (16-bit form)",
                    "    … 268 more payload bytes").noneMatch(line -> line.contains("incomplete"));
        }
    }

    /** RFC 7692: permessage-deflate messages are inflated for display, with a bound on the work. */
    @Nested
    class PermessageDeflate {

        private List<String> compressed(byte[] message, int frames) {
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
            deflater.setInput(message);
            byte[] buffer = new byte[message.length + 1024];
            int length = deflater.deflate(buffer, 0, buffer.length, java.util.zip.Deflater.SYNC_FLUSH);
            length -= 4;                                             // RFC 7692 §7.2.1: drop the 00 00 ff ff tail
            FrameDissector dissector = new FrameDissector(false, new Inflation(false), 0, false);
            List<String> out = new java.util.ArrayList<>();
            int per = (length + frames - 1) / frames;
            for (int i = 0, at = 0; i < frames; i++, at += per) {
                int size = Math.min(per, length - at);
                boolean first = i == 0;
                boolean last = i == frames - 1;
                java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(10 + size);
                frame.put((byte) ((last ? 0x80 : 0) | (first ? 0x40 | 0x1 : 0x0)));   // RSV1 on the first frame only
                frame.put((byte) 127).putLong(size).put(buffer, at, size).flip();
                dissector.feed(frame, out);
            }
            return out;
        }

        @Test
        void compressedTextSplitOverFrames_isInflatedAsOneMessage() {
            assertThat(compressed("Hello, compressed world".getBytes(java.nio.charset.StandardCharsets.UTF_8), 3))
                    .contains("  inflated message: \"Hello, compressed world\"")
                    .noneMatch(line -> line.startsWith("!") && !line.contains("minimal number of bytes"));
        }

        @Test
        void aMessageThatInflatesBeyondTheBound_stopsInflationButNotTheDissector() {
            byte[] zeros = new byte[(int) Inflation.MAX_INFLATED_PER_MESSAGE + 1];
            assertThat(compressed(zeros, 1)).anyMatch(line -> line.contains("the dissector stops inflating this direction"));
        }
    }

    @Nested
    class PartialFramesAcrossChunks {

        @Test
        void headerCutAfterOneByte_saysHowMuchIsMissing() {
            assertThat(frames(true, hex("81 85 37fa213d 7f9f4d5158"), 1)).startsWith("… frame @0 header 1 of 2+ bytes so far");
        }

        @Test
        void maskKeyContinuesAcrossAPayloadCut() {
            // Cut inside the payload at an offset that is not a multiple of 4.
            assertThat(frames(true, hex("81 85 37fa213d 7f9f4d5158"), 9)).contains(
                    "… frame @0 payload 3 of 5 bytes so far", "  text \"Hello\"");
        }

        @Test
        void offsetsCountFromTheStart() {
            assertThat(frames(false, hex("8a 00 8a 00"), 3)).contains(
                    "frame @2: FIN=1 opcode=0xA PONG MASK=0 length=0 (7-bit form), header 2 bytes");
        }
    }

    @Nested
    class Section5_5_1_CloseFrames {

        @Test
        void codeAndReasonAreShown() {
            assertThat(sameAtEverySplit(false, hex("88 05 03e8 627965"))).contains(      // 1000 "bye"
                    "  close code 1000 (normal closure) reason \"bye\"");
        }

        @Test
        void maskedCloseIsUnmaskedFirst() {
            byte[] payload = hex("03e9");                                              // 1001
            byte[] key = hex("01020304");
            byte[] frame = hex("88 82 01020304 0000");
            frame[6] = (byte) (payload[0] ^ key[0]);
            frame[7] = (byte) (payload[1] ^ key[1]);
            assertThat(sameAtEverySplit(true, frame)).contains("  close code 1001 (going away), no reason");
        }

        @Test
        void emptyClose_meansNoStatus() {
            assertThat(frames(false, hex("88 00"))).contains(
                    "  close without a status code (the receiver reports 1005, RFC 6455 §7.1.5)");
        }

        @Test
        void oneByteClosePayload_isAViolation() {
            assertThat(frames(false, hex("88 01 03"))).anyMatch(line -> line.startsWith("! close payload is 1 byte"));
        }

        @Test
        void codesThatMayNotBeSent_andInvalidUtf8Reasons_areFlagged() {
            assertThat(frames(false, hex("88 02 03ed"))).contains(                      // 1005 on the wire
                    "! close code 1005 may not be sent in a close frame (RFC 6455 §7.4): 1002");
            assertThat(frames(false, hex("88 04 03e8 c328"))).contains(                 // bad UTF-8 reason
                    "! close reason is not valid UTF-8 (RFC 6455 §5.5.1): 1007");
        }

        @Test
        void framesAfterClose_areFlagged() {
            assertThat(frames(false, hex("88 00 81 00"))).contains(
                    "! frame sent after a close frame (RFC 6455 §5.5.1: nothing may follow close)");
        }
    }

    @Nested
    class Violations_reportAndResynchronise {

        @Test
        void unmaskedClientFrame_isFlagged_andTheNextFrameIsStillFound() {
            assertThat(frames(true, hex("81 02 6869 89 80 00000000"))).containsSubsequence(
                    "! the client sent an unmasked frame; client frames must be masked (RFC 6455 §5.1): the receiver closes with 1002",
                    "  text \"hi\"",
                    "frame @4: FIN=1 opcode=0x9 PING MASK=1 key=00000000 length=0 (7-bit form), header 6 bytes");
        }

        @Test
        void maskedServerFrame_isFlagged() {
            assertThat(frames(false, hex("81 80 00000000"))).contains(
                    "! the server sent a masked frame; server frames must not be masked (RFC 6455 §5.1): the receiver closes with 1002");
        }

        @Test
        void reservedOpcode_isFlagged_andSkippedByItsLength() {
            assertThat(frames(false, hex("83 01 ff 81 01 41"))).containsSubsequence(
                    "frame @0: FIN=1 opcode=0x3 RESERVED MASK=0 length=1 (7-bit form), header 2 bytes",
                    "! opcode 0x3 is reserved (RFC 6455 §5.2): the receiver closes with 1002",
                    "  text \"A\"");
        }

        @Test
        void controlFrameRules() {
            byte[] bigPing = new byte[4 + 126];
            System.arraycopy(hex("89 7e 007e"), 0, bigPing, 0, 4);
            assertThat(frames(false, bigPing)).contains(
                    "! control frame PING payload is 126 bytes; the maximum is 125 (RFC 6455 §5.5): the receiver closes with 1002");
            assertThat(frames(false, hex("09 00"))).contains(
                    "! control frame PING has FIN=0; control frames must not be fragmented (RFC 6455 §5.5): the receiver closes with 1002");
        }

        @Test
        void nonMinimalLength_andRsvBits_andFragmentationOrder() {
            assertThat(frames(false, hex("81 7e 0001 41"))).contains("! payload length 1 is sent in the 16-bit form; the minimal number of bytes must be used (RFC 6455 §5.2): the receiver closes with 1002");
            assertThat(frames(false, hex("c1 00"))).contains(
                    "! RSV bits 0x40 are set but no extension gave them a meaning (RFC 6455 §5.2): the receiver closes with 1002");
            assertThat(frames(false, hex("80 00"))).contains(
                    "! continuation frame with no message to continue (RFC 6455 §5.4): the receiver closes with 1002");
            assertThat(frames(false, hex("01 00 01 00"))).contains(
                    "! new data frame before the fragmented message finished (RFC 6455 §5.4): the receiver closes with 1002");
        }

        @Test
        void invalidUtf8InText_isFlaggedWhenTheBadByteArrives() {
            assertThat(frames(false, hex("81 03 41 c3 28"), 4)).anyMatch(line -> line.startsWith("! text message is not valid UTF-8"));
            assertThat(frames(false, hex("81 02 41 c3"))).contains(
                    "! text message ends inside a UTF-8 sequence (RFC 6455 §8.1): the receiver closes with 1007");
        }

        @Test
        void untrustworthy64BitLength_fallsBackToRawBytes() {
            assertThat(frames(false, hex("82 7f 8000000000000000 010203"))).containsSubsequence(
                    "! 64-bit length has its most significant bit set (RFC 6455 §5.2); "
                            + "the next frame cannot be found, so the rest is shown as raw bytes",
                    "raw: 3 bytes (frame boundaries lost)");
        }

        @Test
        void endOfStreamInsideAFrame_isReported() {
            FrameDissector dissector = new FrameDissector(false, null, 0, false);
            List<String> out = new java.util.ArrayList<>();
            dissector.feed(Feeding.chunks(hex("81 05 4865")).getFirst(), out);
            dissector.endOfStream(out);
            assertThat(out).contains("! the stream ended inside a frame payload (2 of 5 bytes)");
        }
    }
}
