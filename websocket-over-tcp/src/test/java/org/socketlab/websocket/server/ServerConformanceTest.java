package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.demo.EchoServer;
import org.socketlab.websocket.testing.Payloads;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RawWebSocket.RawFrame;

/**
 * End-to-end conformance of the running echo server, case by case after the Autobahn|Testsuite
 * sections 1–10 (strict verdict): a raw socket sends the exact bytes, the test asserts what
 * comes back — the echo, the pong, or the close code — and that the server then closes TCP.
 */
@Timeout(30)
class ServerConformanceTest extends RawEchoServerTest {

    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    ServerConformanceTest() {
        super(16L << 20);
    }

    private void assertClosesWith(int expectedCode) throws IOException {
        RawFrame close = ws.expectCloseAndTcpClose();
        assertThat(close.closeCode()).as("close code sent by the server (%s)", close).isEqualTo(expectedCode);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("1 Framing (RFC 6455 §5.2, §5.6)")
    class Framing {

        @ParameterizedTest(name = "text of {0} bytes")
        @ValueSource(ints = {0, 125, 126, 127, 128, 65_535, 65_536})
        void textMessage_isEchoedUnchanged(int length) throws IOException {
            ws.sendText(Payloads.text(length));
            RawFrame echo = ws.readMessage();
            assertThat(echo.opcode()).isEqualTo(TEXT);
            assertThat(echo.text()).isEqualTo(Payloads.text(length));
        }

        @ParameterizedTest(name = "binary of {0} bytes")
        @ValueSource(ints = {0, 125, 126, 127, 128, 65_535, 65_536})
        void binaryMessage_isEchoedUnchanged(int length) throws IOException {
            ws.sendFrame(BINARY, Payloads.binary(length));
            RawFrame echo = ws.readMessage();
            assertThat(echo.opcode()).isEqualTo(BINARY);
            assertThat(echo.payload()).isEqualTo(Payloads.binary(length));
        }

        @Test
        void serverFrames_areNeverMasked() throws IOException {
            ws.sendText("hello");
            assertThat(ws.readFrame().masked()).as("RFC 6455 §5.1: a server MUST NOT mask").isFalse();
        }

        @Test
        void messageSplitAcrossManyTcpWrites_isEchoed() throws IOException {
            byte[] frame = RawWebSocket.frame(true, 0, TEXT, utf8("byte by byte"), true);
            for (byte b : frame) {
                ws.sendRaw(new byte[] {b});
            }
            assertThat(ws.readMessage().text()).isEqualTo("byte by byte");
        }

        @Test
        void unmaskedClientFrame_closesWith1002() throws IOException {
            ws.sendRaw(RawWebSocket.frame(true, 0, TEXT, utf8("not masked"), false));
            assertClosesWith(1002);
        }
    }

    @Nested
    @DisplayName("2 Pings and pongs (RFC 6455 §5.5.2, §5.5.3)")
    class PingsAndPongs {

        @ParameterizedTest(name = "ping with {0} payload bytes")
        @ValueSource(ints = {0, 1, 125})
        void ping_getsPongWithTheSamePayload(int length) throws IOException {
            ws.sendFrame(PING, Payloads.binary(length));
            RawFrame pong = ws.readFrame();
            assertThat(pong.opcode()).isEqualTo(PONG);
            assertThat(pong.payload()).isEqualTo(Payloads.binary(length));
        }

        @Test
        void pingWith126Bytes_closesWith1002() throws IOException {
            ws.sendFrame(PING, new byte[126]);
            assertClosesWith(1002);
        }

        @Test
        void fragmentedPing_closesWith1002() throws IOException {
            ws.sendFrame(false, 0, PING, utf8("frag"));
            assertClosesWith(1002);
        }

        @Test
        void unsolicitedPong_isIgnored() throws IOException {
            ws.sendFrame(PONG, utf8("unsolicited"));
            ws.sendText("after the pong");
            assertThat(ws.readFrame().text()).isEqualTo("after the pong");
        }

        @Test
        void tenPings_getTenPongsInOrder() throws IOException {
            for (int i = 0; i < 10; i++) {
                ws.sendFrame(PING, utf8("ping " + i));
            }
            for (int i = 0; i < 10; i++) {
                RawFrame pong = ws.readFrame();
                assertThat(pong.opcode()).isEqualTo(PONG);
                assertThat(pong.text()).isEqualTo("ping " + i);
            }
        }
    }

    @Nested
    @DisplayName("3 Reserved bits (RFC 6455 §5.2: no extension negotiated)")
    class ReservedBits {

        @ParameterizedTest(name = "RSV bits {0} on a text frame")
        @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
        void reservedBitOnText_closesWith1002(int rsv) throws IOException {
            ws.sendFrame(true, rsv, TEXT, utf8("hello"));
            assertClosesWith(1002);
        }

        @Test
        void reservedBitOnPing_closesWith1002() throws IOException {
            ws.sendFrame(true, 4, PING, utf8("hello"));
            assertClosesWith(1002);
        }

        @Test
        void reservedBitAfterAValidMessage_echoesThenClosesWith1002() throws IOException {
            ws.sendText("valid");
            ws.sendFrame(true, 2, TEXT, utf8("invalid"));
            assertThat(ws.readFrame().text()).isEqualTo("valid");
            assertClosesWith(1002);
        }
    }

    @Nested
    @DisplayName("4 Opcodes (RFC 6455 §5.2, §11.8)")
    class Opcodes {

        @ParameterizedTest(name = "reserved opcode 0x{0}")
        @ValueSource(ints = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF})
        void reservedOpcode_closesWith1002(int opcode) throws IOException {
            ws.sendFrame(true, 0, opcode, utf8("x"));
            assertClosesWith(1002);
        }
    }

    @Nested
    @DisplayName("5 Fragmentation (RFC 6455 §5.4)")
    class Fragmentation {

        @Test
        void fragmentedText_isReassembled() throws IOException {
            ws.sendFrame(false, 0, TEXT, utf8("frag"));
            ws.sendFrame(false, 0, CONTINUATION, utf8("ment"));
            ws.sendFrame(true, 0, CONTINUATION, utf8("ed"));
            assertThat(ws.readMessage().text()).isEqualTo("fragmented");
        }

        @Test
        void pingsBetweenFragments_areAnsweredAtOnce() throws IOException {
            ws.sendFrame(false, 0, BINARY, utf8("one"));
            ws.sendFrame(PING, utf8("between"));
            RawFrame pong = ws.readFrame();
            assertThat(pong.opcode()).as("RFC 6455 §5.4: control frames may be injected").isEqualTo(PONG);
            ws.sendFrame(true, 0, CONTINUATION, utf8("two"));
            assertThat(ws.readMessage().text()).isEqualTo("onetwo");
        }

        @Test
        void oneByteFragments_areReassembled() throws IOException {
            byte[] message = utf8("sixty-four one-byte fragments, more or less.......................");
            ws.sendFrame(false, 0, TEXT, new byte[] {message[0]});
            for (int i = 1; i < message.length; i++) {
                ws.sendFrame(i == message.length - 1, 0, CONTINUATION, new byte[] {message[i]});
            }
            assertThat(ws.readMessage().payload()).isEqualTo(message);
        }

        @Test
        void continuationWithoutAStart_closesWith1002() throws IOException {
            ws.sendFrame(true, 0, CONTINUATION, utf8("orphan"));
            assertClosesWith(1002);
        }

        @Test
        void newMessageInsideAFragmentedOne_closesWith1002() throws IOException {
            ws.sendFrame(false, 0, TEXT, utf8("first"));
            ws.sendFrame(true, 0, TEXT, utf8("second"));
            assertClosesWith(1002);
        }

        @Test
        void fragmentedPong_closesWith1002() throws IOException {
            ws.sendFrame(false, 0, PONG, utf8("frag"));
            assertClosesWith(1002);
        }

        @Test
        void fragmentedClose_closesWith1002() throws IOException {
            ws.sendFrame(false, 0, CLOSE, RawWebSocket.closePayload(1000, ""));
            assertClosesWith(1002);
        }
    }

    @Nested
    @DisplayName("6 UTF-8 handling, fail-fast (RFC 6455 §5.6, §8.1)")
    class Utf8 {

        @Test
        void validMultibyteText_isEchoed() throws IOException {
            String text = "κόσμε · 안녕 · \uD83D\uDE00";
            ws.sendText(text);
            assertThat(ws.readMessage().text()).isEqualTo(text);
        }

        @Test
        void codePointSplitAcrossFragments_isEchoed() throws IOException {
            byte[] smile = utf8("\uD83D\uDE00"); // F0 9F 98 80
            ws.sendFrame(false, 0, TEXT, Arrays.copyOfRange(smile, 0, 1));
            ws.sendFrame(false, 0, CONTINUATION, Arrays.copyOfRange(smile, 1, 3));
            ws.sendFrame(true, 0, CONTINUATION, Arrays.copyOfRange(smile, 3, 4));
            assertThat(ws.readMessage().text()).isEqualTo("\uD83D\uDE00");
        }

        @ParameterizedTest(name = "invalid sequence {0}")
        @ValueSource(strings = {"C0AF", "EDA080", "F4908080", "FF", "CEBAE1BDB9CF83CEBCCEB5EDA080656469746564", "80"})
        void invalidUtf8_closesWith1007(String hex) throws IOException {
            ws.sendFrame(TEXT, hex(hex));
            assertClosesWith(1007);
        }

        @Test
        void truncatedSequenceAtMessageEnd_closesWith1007() throws IOException {
            ws.sendFrame(TEXT, hex("CEBAE1BD"));
            assertClosesWith(1007);
        }

        @Test
        void invalidFirstFragment_closesWith1007BeforeTheMessageEnds() throws IOException {
            // Fail fast: the verdict comes on the bad fragment, the final one is never sent.
            ws.sendFrame(false, 0, TEXT, hex("CEBAE1BDB9CF83CEBCCEB5EDA080"));
            assertClosesWith(1007);
        }

        @Test
        void invalidUtf8InCloseReason_closesWith1007() throws IOException {
            byte[] payload = new byte[] {0x03, (byte) 0xE8, (byte) 0xC0, (byte) 0xAF};
            ws.sendFrame(CLOSE, payload);
            assertClosesWith(1007);
        }

        private static byte[] hex(String hex) {
            byte[] bytes = new byte[hex.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            return bytes;
        }
    }

    @Nested
    @DisplayName("7 Close handling (RFC 6455 §5.5.1, §7.1, §7.4)")
    class Close {

        @ParameterizedTest(name = "close code {0}")
        @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
        void validCloseCode_isEchoedAndTcpClosed(int code) throws IOException {
            ws.sendClose(code, "bye");
            assertClosesWith(code);
        }

        @ParameterizedTest(name = "close code {0}")
        @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
        void invalidCloseCode_closesWith1002(int code) throws IOException {
            ws.sendClose(code, "");
            assertClosesWith(1002);
        }

        @Test
        void emptyClose_isAnsweredWithoutStatusAndTcpClosed() throws IOException {
            ws.sendFrame(CLOSE, new byte[0]);
            RawFrame close = ws.expectCloseAndTcpClose();
            assertThat(close.closeCode()).as("RFC 6455 §5.5.1: empty close or 1000").isIn(1000, 1005);
        }

        @Test
        void closeWithOneBytePayload_closesWith1002() throws IOException {
            ws.sendFrame(CLOSE, new byte[] {0x03});
            assertClosesWith(1002);
        }

        @Test
        void closeWithMaximalReason_isEchoed() throws IOException {
            ws.sendClose(1000, "r".repeat(123));
            assertClosesWith(1000);
        }

        @Test
        void framesAfterTheClose_areIgnored() throws IOException {
            // One write, so the late frames reach the server with the close, before it closes TCP.
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            bytes.writeBytes(RawWebSocket.frame(true, 0, CLOSE, RawWebSocket.closePayload(1000, ""), true));
            bytes.writeBytes(RawWebSocket.frame(true, 0, TEXT, utf8("too late"), true));
            bytes.writeBytes(RawWebSocket.frame(true, 0, PING, utf8("too late"), true));
            ws.sendRaw(bytes.toByteArray());
            RawFrame first = ws.readFrame();
            assertThat(first.opcode()).as("nothing but the close reply after a close (RFC 6455 §5.5.1)").isEqualTo(CLOSE);
            ws.expectTcpClose();
        }

        @Test
        void closeBetweenFragments_isAnsweredAndTheUnfinishedMessageDropped() throws IOException {
            ws.sendFrame(false, 0, TEXT, utf8("never "));
            ws.sendClose(1000, "");
            RawFrame reply = ws.expectCloseAndTcpClose();
            assertThat(reply.closeCode()).as("RFC 6455 §5.4: control frames may interrupt a fragmented message")
                    .isEqualTo(1000);
        }

        @Test
        void closeReasonMakingThePayload126Bytes_closesWith1002() throws IOException {
            ws.sendFrame(CLOSE, RawWebSocket.closePayload(1000, "r".repeat(124)));
            assertClosesWith(1002);
        }

        @Test
        void textThenClose_echoesTextThenCloses() throws IOException {
            ws.sendText("last words");
            ws.sendClose(1000, "");
            assertThat(ws.readFrame().text()).isEqualTo("last words");
            assertClosesWith(1000);
        }
    }

    @Nested
    @DisplayName("9 Limits (RFC 6455 §10.4) and 10 auto-fragmentation")
    class Limits {

        @Test
        void sixteenMebibyteMessage_isEchoed() throws IOException {
            ws.socket().setSoTimeout(20_000);
            byte[] big = Payloads.binary(16 << 20);
            ws.sendFrame(BINARY, big);
            RawFrame echo = ws.readMessage();
            assertThat(echo.payload().length).isEqualTo(big.length);
            assertThat(Arrays.equals(echo.payload(), big)).isTrue();
        }

        @Test
        void thousandSmallMessagesInOneBurst_areEchoedInOrder() throws IOException {
            java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 1_000; i++) {
                burst.writeBytes(RawWebSocket.frame(true, 0, TEXT, utf8("message " + i), true));
            }
            ws.sendRaw(burst.toByteArray());
            for (int i = 0; i < 1_000; i++) {
                assertThat(ws.readMessage().text()).isEqualTo("message " + i);
            }
        }

        @Test
        void messageInManyFragments_isEchoedWhole() throws IOException {
            byte[] message = Payloads.binary(64 * 1024);
            for (int offset = 0; offset < message.length; offset += 1024) {
                boolean last = offset + 1024 >= message.length;
                ws.sendFrame(last, 0, offset == 0 ? BINARY : CONTINUATION,
                        Arrays.copyOfRange(message, offset, offset + 1024));
            }
            assertThat(ws.readMessage().payload()).isEqualTo(message);
        }
    }

    @Nested
    @DisplayName("9 Limits on a server configured for 64 KiB")
    class SmallLimits {
        private WebSocketServer small;
        private RawWebSocket smallWs;

        @BeforeEach
        void startSmallServer() throws IOException {
            small = EchoServer.start("127.0.0.1", 0, "/", 64 * 1024, threads());
            smallWs = RawWebSocket.connect(small.port(), "/");
        }

        @AfterEach
        void stopSmallServer() throws IOException {
            smallWs.close();
            small.stop(Duration.ofSeconds(2));
        }

        @Test
        void frameLargerThanTheLimit_closesWith1009() throws IOException {
            smallWs.sendFrame(BINARY, new byte[64 * 1024 + 1]);
            RawFrame close = smallWs.expectCloseAndTcpClose();
            assertThat(close.closeCode()).isEqualTo(1009);
        }

        @Test
        void fragmentedMessageLargerThanTheLimit_closesWith1009() throws IOException {
            smallWs.sendFrame(false, 0, BINARY, new byte[40 * 1024]);
            smallWs.sendFrame(true, 0, CONTINUATION, new byte[40 * 1024]);
            RawFrame close = smallWs.expectCloseAndTcpClose();
            assertThat(close.closeCode()).isEqualTo(1009);
        }

        @Test
        void messageAtTheLimit_isEchoed() throws IOException {
            smallWs.sendFrame(BINARY, Payloads.binary(64 * 1024));
            assertThat(smallWs.readMessage().payload()).isEqualTo(Payloads.binary(64 * 1024));
        }
    }
}
