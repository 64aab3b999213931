package org.socketlab.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.extension.DeflateParameters;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.FrameEncoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketException;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.protocol.ProtocolEvent.BinaryMessage;
import org.socketlab.websocket.protocol.ProtocolEvent.Failed;
import org.socketlab.websocket.protocol.ProtocolEvent.TextMessage;
import org.socketlab.websocket.testing.Allocations;

/** permessage-deflate (RFC 7692) inside {@link WebSocketProtocol}: two ends agreed, bytes piped between them. */
class PerMessageDeflateProtocolTest {

    private static final long T0 = 1_000_000_000L;
    private static final DeflateConfig SMALL_THRESHOLD = DeflateConfig.defaults().withMinCompressSize(16);

    private static WebSocketProtocol end(Role role, DeflateParameters agreed, ProtocolConfig config) {
        return new WebSocketProtocol(role, config, MaskKeySource.fixed(0x1234_5678), T0, agreed, SMALL_THRESHOLD);
    }

    /** Writes everything {@code from} has queued into {@code to}; returns the frames as they were on the wire. */
    private static List<Frame> pipe(WebSocketProtocol from, WebSocketProtocol to) throws WebSocketProtocolException {
        List<Frame> frames = new ArrayList<>();
        FrameDecoder observer = new FrameDecoder(to.role(), Integer.MAX_VALUE - 8, 0x70);
        for (ByteBuffer buffer : from.pollOutgoing()) {
            ByteBuffer copy = ByteBuffer.allocate(buffer.remaining()).put(buffer.duplicate()).flip();
            Frame frame;
            while ((frame = observer.decode(copy)) != null) {
                frames.add(frame);
            }
            to.receive(buffer, T0);
        }
        return frames;
    }

    private static String repeated(String unit, int times) {
        return unit.repeat(times);
    }

    @Nested
    class RoundTrips {

        @ParameterizedTest(name = "serverNoTakeover={0} clientNoTakeover={1}")
        @CsvSource({"true,true", "false,false", "true,false", "false,true"})
        void messagesBothWays_areCompressedWithRsv1OnTheFirstFrameAndArriveIntact(boolean serverNo, boolean clientNo)
                throws WebSocketProtocolException {
            DeflateParameters agreed = new DeflateParameters(serverNo, clientNo, 15, 15);
            WebSocketProtocol server = end(Role.SERVER, agreed, ProtocolConfig.defaults());
            WebSocketProtocol client = end(Role.CLIENT, agreed, ProtocolConfig.defaults());
            String text = repeated("{\"user\":\"ada\",\"text\":\"héllo wörld\"} ", 200);
            for (int round = 0; round < 3; round++) { // later rounds use the kept window when takeover is on
                client.sendText(text);
                List<Frame> wire = pipe(client, server);
                assertThat(wire).singleElement().satisfies(f -> {
                    assertThat(f.rsv1()).as("RSV1 on a compressed message").isTrue();
                    assertThat(f.payload().remaining()).as("compressed size").isLessThan(text.length() / 4);
                });
                assertThat(server.pollEvents()).containsExactly(new TextMessage(text));
                byte[] binary = new byte[64 * 1024];
                new Random(round).nextBytes(binary); // incompressible: still a valid round trip
                server.sendBinary(ByteBuffer.wrap(binary));
                assertThat(pipe(server, client)).singleElement().extracting(Frame::rsv1).isEqualTo(true);
                assertThat(client.pollEvents()).singleElement().isInstanceOfSatisfying(BinaryMessage.class,
                        m -> assertThat(m.data()).isEqualTo(ByteBuffer.wrap(binary)));
            }
        }

        /** Bug found by python-websockets and ws: with takeover, an empty message after a flush deflated to nothing. */
        @Test
        void emptyMessagesWithContextTakeover_thenText_arriveIntact() throws WebSocketProtocolException {
            WebSocketProtocol server = new WebSocketProtocol(Role.SERVER, ProtocolConfig.defaults(), null, T0,
                    DeflateParameters.defaults(), DeflateConfig.defaults().withMinCompressSize(0)
                            .withServerNoContextTakeover(false));
            WebSocketProtocol client = new WebSocketProtocol(Role.CLIENT, ProtocolConfig.defaults(),
                    MaskKeySource.fixed(7), T0, DeflateParameters.defaults(), DeflateConfig.defaults().withMinCompressSize(0));
            server.sendText("");
            server.sendBinary(ByteBuffer.allocate(0));
            server.sendText("a".repeat(125));
            List<Frame> wire = pipe(server, client);
            assertThat(wire).extracting(f -> f.payload().remaining()).as("payload sizes on the wire")
                    .allSatisfy(size -> assertThat(size).isPositive());
            assertThat(client.pollEvents()).containsExactly(new TextMessage(""),
                    new BinaryMessage(ByteBuffer.allocate(0)), new TextMessage("a".repeat(125)));
        }

        @Test
        void messageBelowThreshold_goesUncompressedWithoutRsv1() throws WebSocketProtocolException {
            WebSocketProtocol server = end(Role.SERVER, DeflateParameters.defaults(), ProtocolConfig.defaults());
            WebSocketProtocol client = end(Role.CLIENT, DeflateParameters.defaults(), ProtocolConfig.defaults());
            server.sendText("short");
            assertThat(pipe(server, client)).singleElement().satisfies(f -> {
                assertThat(f.rsv1()).isFalse();
                assertThat(StandardCharsets.UTF_8.decode(f.payload()).toString()).isEqualTo("short");
            });
            assertThat(client.pollEvents()).containsExactly(new TextMessage("short"));
        }

        @Test
        void fragmentedCompressedMessage_rsv1OnFirstFragmentOnly_controlFrameInBetween() throws WebSocketProtocolException {
            DeflateParameters agreed = DeflateParameters.defaults();
            WebSocketProtocol server = end(Role.SERVER, agreed, ProtocolConfig.defaults());
            WebSocketProtocol client = end(Role.CLIENT, agreed, ProtocolConfig.defaults());
            String part = repeated("fragment of a message ", 50);
            for (int round = 0; round < 2; round++) {
                client.sendFragment(Opcode.TEXT, utf8(part), false);
                client.sendPing(ByteBuffer.wrap(new byte[] {1}));
                client.sendFragment(Opcode.CONTINUATION, utf8(part), false);
                client.sendFragment(Opcode.CONTINUATION, utf8(part), true);
                List<Frame> wire = pipe(client, server);
                assertThat(wire).extracting(Frame::opcode).containsExactly(Opcode.TEXT, Opcode.PING,
                        Opcode.CONTINUATION, Opcode.CONTINUATION);
                assertThat(wire).extracting(Frame::rsv1).containsExactly(true, false, false, false);
                assertThat(server.pollEvents()).filteredOn(TextMessage.class::isInstance)
                        .containsExactly(new TextMessage(part.repeat(3)));
            }
        }

        @Test
        void controlFramesAreNeverCompressed() throws WebSocketProtocolException {
            WebSocketProtocol server = end(Role.SERVER, DeflateParameters.defaults(), ProtocolConfig.defaults());
            WebSocketProtocol client = end(Role.CLIENT, DeflateParameters.defaults(), ProtocolConfig.defaults());
            server.sendPing(ByteBuffer.wrap(new byte[100]));
            server.close(org.socketlab.websocket.frame.CloseCode.NORMAL_CLOSURE, repeated("x", 100));
            assertThat(pipe(server, client)).extracting(Frame::rsv1).containsExactly(false, false);
        }
    }

    @Nested
    class Rsv1Rules {

        @Test
        void rsv1OnContinuationFrame_closesWith1002() {
            WebSocketProtocol server = end(Role.SERVER, DeflateParameters.defaults(), ProtocolConfig.defaults());
            byte[] first = compressedPayload("hello hello hello hello");
            feedClientFrames(server, new Frame(false, true, false, false, Opcode.TEXT, ByteBuffer.wrap(first)),
                    new Frame(true, true, false, false, Opcode.CONTINUATION, ByteBuffer.allocate(0)));
            assertFailed(server, 1002, "continuation");
        }

        @Test
        void rsv1OnControlFrame_closesWith1002() {
            WebSocketProtocol server = end(Role.SERVER, DeflateParameters.defaults(), ProtocolConfig.defaults());
            feedClientFrames(server, new Frame(true, true, false, false, Opcode.PING, ByteBuffer.allocate(0)));
            assertFailed(server, 1002, "control frames are never compressed");
        }

        @Test
        void rsv1WithoutTheExtension_closesWith1002() {
            WebSocketProtocol server = new WebSocketProtocol(Role.SERVER, ProtocolConfig.defaults(), null, T0);
            feedClientFrames(server, new Frame(true, true, false, false, Opcode.TEXT,
                    ByteBuffer.wrap(compressedPayload("hello"))));
            assertFailed(server, 1002, "RSV");
        }

        @Test
        void rsv2WithTheExtension_closesWith1002() {
            WebSocketProtocol server = end(Role.SERVER, DeflateParameters.defaults(), ProtocolConfig.defaults());
            feedClientFrames(server, new Frame(true, false, true, false, Opcode.TEXT, utf8("hello")));
            assertFailed(server, 1002, "RSV");
        }

        @Test
        void uncompressedMessageFromPeer_isAcceptedAsIs() throws WebSocketProtocolException {
            WebSocketProtocol server = end(Role.SERVER, DeflateParameters.defaults(), ProtocolConfig.defaults());
            feedClientFrames(server, new Frame(true, false, false, false, Opcode.TEXT, utf8("plain")));
            assertThat(server.pollEvents()).containsExactly(new TextMessage("plain"));
        }

        @Test
        void compressedTextThatInflatesToInvalidUtf8_closesWith1007() {
            WebSocketProtocol server = end(Role.SERVER, DeflateParameters.defaults(), ProtocolConfig.defaults());
            byte[] invalid = compressedPayload(new byte[] {'o', 'k', (byte) 0xC0, (byte) 0x80});
            feedClientFrames(server, new Frame(true, true, false, false, Opcode.TEXT, ByteBuffer.wrap(invalid)));
            assertFailed(server, 1007, "UTF-8");
        }
    }

    @Nested
    class CompressionBomb {

        @Test
        void tenMegabytesOfZeros_closesWith1009_afterAtMostTheLimit() {
            long limit = 1L << 20;
            WebSocketProtocol server = end(Role.SERVER, DeflateParameters.defaults(),
                    ProtocolConfig.defaults().withMaxMessageSize(limit));
            byte[] bomb = compressedPayload(new byte[10_000_000]);
            assertThat(bomb.length).as("the bomb's wire size").isLessThan(20_000);
            ByteBuffer wire = new FrameEncoder(Role.CLIENT, MaskKeySource.fixed(0x0A0B_0C0D))
                    .encode(new Frame(true, true, false, false, Opcode.BINARY, ByteBuffer.wrap(bomb)));
            long allocated = Allocations.during(() -> server.receive(wire, T0));
            assertFailed(server, 1009, "limit of " + limit);
            // The output grows by doubling up to limit + 1 bytes (1 KiB + 2 KiB + … + 1 MiB + the capped last
            // step: about 3 × limit allocated in all, 3.1 MB measured), never the 10 MB the bomb expands to.
            assertThat(allocated).as("bytes allocated while refusing a 10 MB bomb with a %d-byte limit", limit)
                    .isLessThan(4 * limit);
        }

        @Test
        void bombSplitIntoFragments_closesWith1009() {
            WebSocketProtocol server = end(Role.SERVER, DeflateParameters.defaults(),
                    ProtocolConfig.defaults().withMaxMessageSize(64 * 1024));
            byte[] bomb = compressedPayload(new byte[1_000_000]);
            int half = bomb.length / 2;
            feedClientFrames(server,
                    new Frame(false, true, false, false, Opcode.BINARY, ByteBuffer.wrap(Arrays.copyOf(bomb, half))),
                    new Frame(true, false, false, false, Opcode.CONTINUATION,
                            ByteBuffer.wrap(Arrays.copyOfRange(bomb, half, bomb.length))));
            assertFailed(server, 1009, "limit");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] compressedPayload(String text) {
        return compressedPayload(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Raw DEFLATE with a sync flush and the 00 00 ff ff tail removed (RFC 7692 §7.2.1), by zlib directly. */
    private static byte[] compressedPayload(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        byte[] out = new byte[data.length + 1024];
        int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return Arrays.copyOf(out, length - 4);
    }

    private static void feedClientFrames(WebSocketProtocol server, Frame... frames) {
        FrameEncoder encoder = new FrameEncoder(Role.CLIENT, MaskKeySource.fixed(0x0A0B_0C0D));
        for (Frame frame : frames) {
            server.receive(encoder.encode(frame), T0);
        }
    }

    private static void assertFailed(WebSocketProtocol protocol, int code, String messagePart) {
        assertThat(protocol.pollEvents()).filteredOn(Failed.class::isInstance).singleElement()
                .satisfies(e -> {
                    WebSocketException error = ((Failed) e).error();
                    assertThat(error.closeCode().code()).as("close code (" + error.getMessage() + ")").isEqualTo(code);
                    assertThat(error.getMessage()).contains(messagePart);
                });
        assertThat(protocol.state()).isEqualTo(State.CLOSED);
    }
}
