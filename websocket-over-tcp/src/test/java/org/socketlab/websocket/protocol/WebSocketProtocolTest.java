package org.socketlab.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.frame.CloseStatus.Initiator;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.protocol.ProtocolEvent.BinaryMessage;
import org.socketlab.websocket.protocol.ProtocolEvent.CloseReceived;
import org.socketlab.websocket.protocol.ProtocolEvent.Closed;
import org.socketlab.websocket.protocol.ProtocolEvent.Failed;
import org.socketlab.websocket.protocol.ProtocolEvent.PingReceived;
import org.socketlab.websocket.protocol.ProtocolEvent.PongReceived;
import org.socketlab.websocket.protocol.ProtocolEvent.TextMessage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebSocketProtocolTest {

    static final long T0 = 1_000_000_000L;
    static final long SECOND = 1_000_000_000L;

    private WebSocketProtocol server(ProtocolConfig config) {
        return new WebSocketProtocol(Role.SERVER, config, null, T0);
    }

    private WebSocketProtocol server() {
        return server(ProtocolConfig.defaults());
    }

    private WebSocketProtocol client() {
        return new WebSocketProtocol(Role.CLIENT, ProtocolConfig.defaults(), MaskKeySource.secureRandom(), T0);
    }

    private final Peer client = new Peer(Role.CLIENT);
    private final Peer server = new Peer(Role.SERVER);

    /** The peer that reads what this protocol writes. */
    private Peer peerOf(WebSocketProtocol protocol) {
        return protocol.role() == Role.SERVER ? client : server;
    }

    private static void feed(WebSocketProtocol protocol, byte[] bytes) {
        protocol.receive(ByteBuffer.wrap(bytes), T0);
    }

    private static void feedByteByByte(WebSocketProtocol protocol, byte[] bytes) {
        for (byte b : bytes) {
            protocol.receive(ByteBuffer.wrap(new byte[] {b}), T0);
        }
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts the connection failed with this code: close frame on the wire, Failed, Closed(unclean). */
    private void assertFailedWith(WebSocketProtocol protocol, int code) throws WebSocketProtocolException {
        List<ProtocolEvent> events = protocol.pollEvents();
        assertThat(events).as("events").filteredOn(Failed.class::isInstance).singleElement()
                .extracting(e -> ((Failed) e).error().closeCode().code()).isEqualTo(code);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(Closed.class, c -> assertThat(c.status().clean()).isFalse());
        List<Frame> written = peerOf(protocol).read(protocol.pollOutgoing());
        assertThat(written).as("frames written").last().satisfies(f -> {
            assertThat(f.opcode()).isEqualTo(Opcode.CLOSE);
            assertThat(f.payload().getShort(0) & 0xFFFF).isEqualTo(code);
        });
        assertThat(protocol.state()).isEqualTo(State.CLOSED);
        assertThat(protocol.shouldCloseTransport()).isTrue();
    }

    @Nested
    class Section5_6DataFrames {

        @Test
        void textFrame_becomesTextMessage() {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Frame.text("Hello")));
            assertThat(protocol.pollEvents()).containsExactly(new TextMessage("Hello"));
            assertThat(protocol.pollOutgoing()).isEmpty();
            assertThat(protocol.state()).isEqualTo(State.OPEN);
        }

        @Test
        void binaryFrameFedOneByteAtATime_becomesBinaryMessage() {
            WebSocketProtocol protocol = server();
            feedByteByByte(protocol, client.wire(Frame.binary(ByteBuffer.wrap(new byte[] {1, 2, 3}))));
            assertThat(protocol.pollEvents()).containsExactly(new BinaryMessage(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        }

        @Test
        void binaryMessage_doesNotAliasTheReadBuffer() {
            WebSocketProtocol protocol = server();
            byte[] wire = client.wire(Frame.binary(ByteBuffer.wrap(new byte[] {1, 2, 3})));
            feed(protocol, wire);
            java.util.Arrays.fill(wire, (byte) 0); // the adapter reuses its read buffer
            assertThat(protocol.pollEvents()).containsExactly(new BinaryMessage(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        }

        @Test
        void receiveConsumesAllBytes() {
            WebSocketProtocol protocol = server();
            ByteBuffer in = ByteBuffer.wrap(client.wire(Frame.text("a"), Frame.text("b")), 0, 8);
            protocol.receive(in, T0);
            assertThat(in.hasRemaining()).isFalse();
        }
    }

    @Nested
    class Section5_4Fragmentation {

        @Test
        void fragmentsWithInterleavedPing_areAssembledAndThePingAnswered() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feedByteByByte(protocol, client.wire(
                    Peer.fragment(Opcode.TEXT, "Hel", false),
                    Frame.ping(bytes("are you there")),
                    Peer.fragment(Opcode.CONTINUATION, "lo", false),
                    Peer.fragment(Opcode.CONTINUATION, "", true)));
            assertThat(protocol.pollEvents()).containsExactly(
                    new PingReceived(bytes("are you there")), new TextMessage("Hello"));
            assertThat(peerOf(protocol).read(protocol.pollOutgoing())).containsExactly(Frame.pong(bytes("are you there")));
        }

        @Test
        void continuationWithoutStart_closesWith1002() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Peer.fragment(Opcode.CONTINUATION, "x", true)));
            assertFailedWith(protocol, 1002);
        }

        @Test
        void newDataFrameWhileFragmentedMessageOpen_closesWith1002() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Peer.fragment(Opcode.TEXT, "a", false), Peer.fragment(Opcode.BINARY, "b", true)));
            assertFailedWith(protocol, 1002);
        }

        @Test
        void largeFragmentedBinary_isAssembledInOrder() {
            WebSocketProtocol protocol = server();
            byte[] data = new byte[50_000];
            new java.util.Random(7).nextBytes(data);
            feed(protocol, client.wire(
                    Frame.of(Opcode.BINARY, ByteBuffer.wrap(data, 0, 10), false),
                    Frame.continuation(ByteBuffer.wrap(data, 10, 30_000), false),
                    Frame.continuation(ByteBuffer.wrap(data, 30_010, 19_990), true)));
            assertThat(protocol.pollEvents()).containsExactly(new BinaryMessage(ByteBuffer.wrap(data)));
        }
    }

    @Nested
    class Section8_1Utf8 {

        @Test
        void invalidUtf8InNonFinalFragment_closesWith1007_beforeTheMessageEnds() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            byte[] bad = HexFormat.of().parseHex("cebae1bdb9cebccebdeda080");
            feed(protocol, client.wire(Frame.of(Opcode.TEXT, ByteBuffer.wrap(bad), false)));
            assertFailedWith(protocol, 1007);
        }

        @Test
        void invalidByteFedAlone_failsImmediately() throws WebSocketProtocolException {
            // Autobahn 6.4.x: the fail must come as soon as the bad byte arrives, mid-frame.
            WebSocketProtocol protocol = new WebSocketProtocol(Role.CLIENT, ProtocolConfig.defaults(),
                    MaskKeySource.secureRandom(), T0);
            byte[] frame = server.wire(Frame.of(Opcode.TEXT, ByteBuffer.wrap(HexFormat.of().parseHex("41f4908080")), true));
            feed(protocol, frame);
            assertFailedWith(protocol, 1007);
        }

        @Test
        void invalidUtf8MidFrame_failsBeforeTheFrameIsComplete() throws WebSocketProtocolException {
            // Autobahn 6.4.3: one text frame delivered in chops; fail as soon as the bad bytes arrive.
            WebSocketProtocol protocol = server();
            byte[] payload = HexFormat.of().parseHex("cebae1bdb9cebccebdeda080656469746564");
            byte[] wire = client.wire(Frame.of(Opcode.TEXT, ByteBuffer.wrap(payload), true));
            int badEnd = wire.length - 6; // header (6) + 12 payload bytes: up to and including ed a0 80
            feedByteByByte(protocol, java.util.Arrays.copyOfRange(wire, 0, badEnd));
            assertFailedWith(protocol, 1007);
        }

        @Test
        void validTextFedByteByByte_isNotRevalidatedWrongly() {
            WebSocketProtocol protocol = server();
            feedByteByByte(protocol, client.wire(
                    Frame.of(Opcode.TEXT, bytes("κόσμε €"), false), Frame.continuation(bytes(" 😀"), true)));
            assertThat(protocol.pollEvents()).containsExactly(new TextMessage("κόσμε € 😀"));
        }

        @Test
        void truncatedCharacterAtMessageEnd_closesWith1007() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Frame.of(Opcode.TEXT, ByteBuffer.wrap(HexFormat.of().parseHex("48e282")), true)));
            assertFailedWith(protocol, 1007);
        }

        @Test
        void characterSplitAcrossFragments_isAccepted() {
            WebSocketProtocol protocol = server();
            byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
            feed(protocol, client.wire(
                    Frame.of(Opcode.TEXT, ByteBuffer.wrap(euro, 0, 1), false),
                    Frame.continuation(ByteBuffer.wrap(euro, 1, 1), false),
                    Frame.continuation(ByteBuffer.wrap(euro, 2, 1), true)));
            assertThat(protocol.pollEvents()).containsExactly(new TextMessage("€"));
        }
    }

    @Nested
    class Section10_4Limits {

        @Test
        void messageOverLimitAcrossFragments_closesWith1009() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server(ProtocolConfig.defaults().withMaxMessageSize(1000));
            feed(protocol, client.wire(
                    Frame.of(Opcode.BINARY, ByteBuffer.allocate(600), false),
                    Frame.continuation(ByteBuffer.allocate(600), true)));
            assertFailedWith(protocol, 1009);
        }

        @Test
        void frameOverLimit_closesWith1009() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server(ProtocolConfig.defaults().withMaxFramePayload(1000));
            feed(protocol, client.wire(Frame.binary(ByteBuffer.allocate(1001))));
            assertFailedWith(protocol, 1009);
        }

        @Test
        void fragmentThatWouldExceedTheMessageLimit_failsOnItsHeaderAlone() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server(ProtocolConfig.defaults().withMaxMessageSize(1000));
            byte[] first = client.wire(Frame.of(Opcode.BINARY, ByteBuffer.allocate(600), false));
            byte[] second = client.wire(Frame.continuation(ByteBuffer.allocate(600), true));
            feed(protocol, first);
            feed(protocol, java.util.Arrays.copyOf(second, 8)); // header (4 + mask 4) only, no payload
            assertFailedWith(protocol, 1009);
        }

        @Test
        void continuationWithoutStart_failsOnItsHeaderAlone() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feed(protocol, java.util.Arrays.copyOf(client.wire(Frame.continuation(ByteBuffer.allocate(600), true)), 8));
            assertFailedWith(protocol, 1002);
        }

        @Test
        void messageAtTheLimit_isDelivered() {
            WebSocketProtocol protocol = server(ProtocolConfig.defaults().withMaxMessageSize(1000));
            feed(protocol, client.wire(
                    Frame.of(Opcode.BINARY, ByteBuffer.allocate(500), false),
                    Frame.continuation(ByteBuffer.allocate(500), true)));
            assertThat(protocol.pollEvents()).containsExactly(new BinaryMessage(ByteBuffer.allocate(1000)));
        }
    }

    /** Issue 17: a started frame must finish in time, and the size limits hold in every state. */
    @Nested
    class FrameDeadlineAndLimitsInEveryState {

        private final ProtocolConfig bigFrames = ProtocolConfig.defaults().withMaxFramePayload(32 << 20)
                .withMaxMessageSize(32 << 20).withFrameTimeout(Duration.ofSeconds(10));

        /** The header of a masked binary frame declaring 16 MiB (2 + 8 + 4 bytes: MASK set, length 2^24, key), no payload. */
        private byte[] sixteenMebibyteHeader() {
            return HexFormat.of().parseHex("82ff0000000001000000" + "01020304");
        }

        @Test
        void frameStartedThenSilence_failsWith1008_atTheFrameTimeout() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server(bigFrames);
            protocol.receive(ByteBuffer.wrap(sixteenMebibyteHeader()), T0);
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(T0 + 10 * SECOND);
            protocol.tick(T0 + 10 * SECOND - 1);
            assertThat(protocol.state()).isEqualTo(State.OPEN);
            protocol.tick(T0 + 10 * SECOND);
            assertFailedWith(protocol, 1008);
        }

        @Test
        void tricklingBytes_doesNotRestartTheFrameDeadline() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server(bigFrames);
            byte[] header = sixteenMebibyteHeader();
            protocol.receive(ByteBuffer.wrap(header, 0, 1), T0);
            protocol.receive(ByteBuffer.wrap(header, 1, header.length - 1), T0 + 5 * SECOND);
            protocol.receive(ByteBuffer.wrap(new byte[100]), T0 + 9 * SECOND);
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(T0 + 10 * SECOND);
            protocol.tick(T0 + 10 * SECOND);
            assertFailedWith(protocol, 1008);
        }

        @Test
        void aCompletedFrame_stopsTheFrameDeadline() {
            WebSocketProtocol protocol = server(bigFrames);
            byte[] wire = client.wire(Frame.text("Hello"));
            protocol.receive(ByteBuffer.wrap(wire, 0, 3), T0);
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(T0 + 10 * SECOND);
            protocol.receive(ByteBuffer.wrap(wire, 3, wire.length - 3), T0 + SECOND);
            assertThat(protocol.pollEvents()).containsExactly(new TextMessage("Hello"));
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void whileClosing_theMessageLimitStillApplies() {
            WebSocketProtocol protocol = server(ProtocolConfig.defaults().withMaxMessageSize(1000));
            protocol.close(CloseCode.NORMAL_CLOSURE, "bye");
            protocol.pollOutgoing();
            feed(protocol, client.wire(
                    Frame.of(Opcode.BINARY, ByteBuffer.allocate(600), false),
                    Frame.continuation(ByteBuffer.allocate(600), true)));
            List<ProtocolEvent> events = protocol.pollEvents();
            assertThat(events).filteredOn(Failed.class::isInstance).singleElement()
                    .extracting(e -> ((Failed) e).error().closeCode().code()).isEqualTo(1009);
            assertThat(protocol.shouldCloseTransport()).isTrue();
        }

        @Test
        void whileClosing_theFrameDeadlineStillApplies() {
            WebSocketProtocol protocol = server(bigFrames.withCloseTimeout(Duration.ofSeconds(60)));
            protocol.close(CloseCode.NORMAL_CLOSURE, "bye");
            protocol.receive(ByteBuffer.wrap(sixteenMebibyteHeader()), T0);
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(T0 + 10 * SECOND);
            protocol.tick(T0 + 10 * SECOND);
            assertThat(protocol.state()).isEqualTo(State.CLOSED);
            assertThat(protocol.shouldCloseTransport()).isTrue();
        }

        @Test
        void closeCalledWithTheTime_startsTheCloseTimeoutThen_notAtTheLastTimePassedIn() {
            WebSocketProtocol protocol = server(ProtocolConfig.defaults().withCloseTimeout(Duration.ofSeconds(5)));
            protocol.close(CloseCode.NORMAL_CLOSURE, "bye", T0 + 3 * SECOND); // nothing was fed since T0
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(T0 + 8 * SECOND);
        }

        @Test
        void frameTimeoutZero_meansNoDeadline() {
            WebSocketProtocol protocol = server(bigFrames.withFrameTimeout(Duration.ZERO));
            protocol.receive(ByteBuffer.wrap(sixteenMebibyteHeader()), T0);
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Nested
    class Section5_5ControlFrames {

        @Test
        void ping_isAnsweredWithPongCarryingTheSamePayload() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Frame.ping(bytes("Hello"))));
            assertThat(protocol.pollEvents()).containsExactly(new PingReceived(bytes("Hello")));
            assertThat(peerOf(protocol).read(protocol.pollOutgoing())).containsExactly(Frame.pong(bytes("Hello")));
        }

        @Test
        void withAutoPongOff_pingIsOnlyReported() {
            WebSocketProtocol protocol = server(ProtocolConfig.defaults().withAutoPong(false));
            feed(protocol, client.wire(Frame.ping(bytes("x"))));
            assertThat(protocol.pollEvents()).hasSize(1);
            assertThat(protocol.pollOutgoing()).isEmpty();
        }

        @Test
        void unsolicitedPong_isReportedAndIgnored() {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Frame.pong(bytes("x"))));
            assertThat(protocol.pollEvents()).containsExactly(new PongReceived(bytes("x")));
            assertThat(protocol.pollOutgoing()).isEmpty();
        }

        @Test
        void serverReceivesUnmaskedFrame_closesWith1002() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feed(protocol, server.wire(Frame.text("unmasked")));
            assertFailedWith(protocol, 1002);
        }

        @Test
        void clientReceivesMaskedFrame_closesWith1002() throws WebSocketProtocolException {
            WebSocketProtocol protocol = client();
            feed(protocol, client.wire(Frame.text("masked")));
            assertFailedWith(protocol, 1002);
        }

        @Test
        void reservedOpcode_closesWith1002() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feed(protocol, new byte[] {(byte) 0x83, (byte) 0x80, 0, 0, 0, 0});
            assertFailedWith(protocol, 1002);
        }

        @Test
        void afterFailure_furtherInputIsDiscarded() {
            WebSocketProtocol protocol = server();
            feed(protocol, server.wire(Frame.text("unmasked")));
            protocol.pollEvents();
            protocol.pollOutgoing();
            feed(protocol, client.wire(Frame.text("late"), Frame.ping(bytes("p"))));
            assertThat(protocol.pollEvents()).isEmpty();
            assertThat(protocol.pollOutgoing()).isEmpty();
        }
    }

    @Nested
    class Section7ClosingHandshake {

        @Test
        void peerClose_isEchoedWithTheSameCode_andServerClosesTcpAtOnce() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Frame.close(CloseCode.of(3000), "bye")));
            assertThat(protocol.pollEvents()).containsExactly(
                    new CloseReceived(new CloseStatus(CloseCode.of(3000), "bye")), new Closed(new CloseStatus(CloseCode.of(3000), "bye")));
            assertThat(peerOf(protocol).read(protocol.pollOutgoing())).containsExactly(Peer.close(3000));
            assertThat(protocol.state()).isEqualTo(State.CLOSED);
            assertThat(protocol.shouldCloseTransport()).isTrue();
        }

        @Test
        void emptyClose_isAnsweredWithEmptyClose() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Frame.close(null, null)));
            assertThat(protocol.pollEvents()).containsExactly(
                    new CloseReceived(new CloseStatus(CloseCode.NO_STATUS_RECEIVED, "")), new Closed(new CloseStatus(CloseCode.NO_STATUS_RECEIVED, "")));
            assertThat(peerOf(protocol).read(protocol.pollOutgoing())).containsExactly(Frame.close(null, null));
        }

        @ParameterizedTest(name = "close code {0}")
        @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000})
        void closeWithCodeNotAllowedOnTheWire_closesWith1002(int code) throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Peer.rawClose(code)));
            assertFailedWith(protocol, 1002);
        }

        @Test
        void closeWithOneBytePayload_closesWith1002() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Frame.of(Opcode.CLOSE, ByteBuffer.wrap(new byte[] {3}), true)));
            assertFailedWith(protocol, 1002);
        }

        @Test
        void closeReasonInvalidUtf8_closesWith1007() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            ByteBuffer payload = ByteBuffer.allocate(4).putShort((short) 1000).put((byte) 0xed).put((byte) 0xa0).flip();
            feed(protocol, client.wire(Frame.of(Opcode.CLOSE, payload, true)));
            assertFailedWith(protocol, 1007);
        }

        @Test
        void framesAfterPeerClose_areIgnored() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Peer.fragment(Opcode.TEXT, "frag", false), Peer.close(1000),
                    Peer.fragment(Opcode.CONTINUATION, "ment", true), Frame.ping(bytes("p"))));
            assertThat(protocol.pollEvents()).containsExactly(
                    new CloseReceived(new CloseStatus(CloseCode.NORMAL_CLOSURE, "")), new Closed(new CloseStatus(CloseCode.NORMAL_CLOSURE, "")));
            assertThat(peerOf(protocol).read(protocol.pollOutgoing())).containsExactly(Peer.close(1000));
        }

        @Test
        void messageThenCloseInOneRead_theAnswerGoesOutBeforeOurCloseFrame() throws WebSocketProtocolException {
            // Autobahn 7.1.1 / 1.x: "message then close" arriving together must still be echoed.
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Frame.text("last words"), Peer.close(1000), Frame.text("ignored")));
            assertThat(protocol.pollEvents()).containsExactly(new TextMessage("last words"));
            assertThat(protocol.state()).isEqualTo(State.CLOSE_PENDING);
            assertThat(protocol.nextDeadlineNanos()).as("the deferred close is due at once").isEqualTo(T0);
            protocol.sendText("last words"); // the application's echo, while dispatching
            protocol.tick(T0);
            assertThat(protocol.pollEvents()).containsExactly(
                    new CloseReceived(new CloseStatus(CloseCode.NORMAL_CLOSURE, "")), new Closed(new CloseStatus(CloseCode.NORMAL_CLOSURE, "")));
            assertThat(peerOf(protocol).read(protocol.pollOutgoing()))
                    .containsExactly(Frame.text("last words"), Peer.close(1000));
            assertThat(protocol.shouldCloseTransport()).isTrue();
        }

        @Test
        void deferredClose_waitsUntilTheEventsWerePolled() {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Frame.text("a"), Peer.close(1000)));
            protocol.tick(T0); // the adapter ticks before polling: nothing may happen yet
            assertThat(protocol.state()).isEqualTo(State.CLOSE_PENDING);
            assertThat(protocol.pollEvents()).containsExactly(new TextMessage("a"));
            protocol.tick(T0);
            assertThat(protocol.state()).isEqualTo(State.CLOSED);
        }

        @Test
        void pendingClose_isAStateOfItsOwn_inWhichTheApplicationMayStillSend() {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Frame.text("a"), new Frame(true, false, true, false, Opcode.TEXT, bytes("bad"))));
            assertThat(protocol.state()).as("a violation behind an unpolled message").isEqualTo(State.CLOSE_PENDING);
            assertThat(protocol.isOpen()).isTrue();
            assertThat(protocol.pollEvents()).containsExactly(new TextMessage("a"));
            protocol.sendText("answer");
            protocol.tick(T0);
            assertThat(protocol.state()).isEqualTo(State.CLOSED);
            assertThat(protocol.isOpen()).isFalse();
        }

        @Test
        void messageThenBadFrameInOneRead_isDeliveredThenTheConnectionFails() throws WebSocketProtocolException {
            // Autobahn 3.2: a valid message, then RSV=2, then a ping, all in one read.
            WebSocketProtocol protocol = server();
            byte[] good = client.wire(Frame.text("valid"));
            byte[] bad = client.wire(new Frame(true, false, true, false, Opcode.TEXT, bytes("bad")), Frame.ping(bytes("p")));
            byte[] both = java.util.Arrays.copyOf(good, good.length + bad.length);
            System.arraycopy(bad, 0, both, good.length, bad.length);
            feed(protocol, both);
            assertThat(protocol.pollEvents()).containsExactly(new TextMessage("valid"));
            protocol.sendText("valid");
            protocol.tick(T0);
            List<ProtocolEvent> events = protocol.pollEvents();
            assertThat(events.get(0)).isInstanceOfSatisfying(Failed.class,
                    f -> assertThat(f.error().closeCode()).isEqualTo(CloseCode.PROTOCOL_ERROR));
            List<Frame> written = peerOf(protocol).read(protocol.pollOutgoing());
            assertThat(written).hasSize(2);
            assertThat(written.get(0)).isEqualTo(Frame.text("valid"));
            assertThat(written.get(1).opcode()).isEqualTo(Opcode.CLOSE);
        }

        @Test
        void eofWhileACloseIsDeferred_stillCountsThePeersClose() {
            WebSocketProtocol protocol = server();
            feed(protocol, client.wire(Frame.text("a"), Peer.close(1001)));
            protocol.receiveEof(T0);
            assertThat(protocol.pollEvents()).containsExactly(new TextMessage("a"),
                    new CloseReceived(new CloseStatus(CloseCode.GOING_AWAY, "")), new Closed(new CloseStatus(CloseCode.GOING_AWAY, "")));
        }

        @Test
        void weClose_thenDataIsIgnored_untilThePeersClose() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            protocol.close(CloseCode.NORMAL_CLOSURE, "done");
            assertThat(protocol.state()).isEqualTo(State.CLOSING);
            assertThat(peerOf(protocol).read(protocol.pollOutgoing())).containsExactly(Frame.close(CloseCode.NORMAL_CLOSURE, "done"));
            assertThatThrownBy(() -> protocol.sendText("more")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CLOSING");
            feed(protocol, client.wire(Frame.text("in flight"), Frame.ping(bytes("p"))));
            assertThat(protocol.pollEvents()).isEmpty();
            assertThat(protocol.pollOutgoing()).isEmpty();
            assertThat(protocol.shouldCloseTransport()).isFalse();
            feed(protocol, client.wire(Peer.close(1000)));
            CloseStatus answered = new CloseStatus(CloseCode.NORMAL_CLOSURE, "", true, Initiator.LOCAL);
            assertThat(protocol.pollEvents()).containsExactly(new CloseReceived(answered), new Closed(answered));
            assertThat(protocol.pollOutgoing()).isEmpty();
            assertThat(protocol.shouldCloseTransport()).isTrue();
        }

        @Test
        void weClose_peerNeverAnswers_closeTimeoutEndsTheConnection() {
            WebSocketProtocol protocol = server();
            protocol.close(CloseCode.GOING_AWAY, null);
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(T0 + 5 * SECOND);
            protocol.tick(T0 + 5 * SECOND - 1);
            assertThat(protocol.state()).isEqualTo(State.CLOSING);
            protocol.tick(T0 + 5 * SECOND);
            assertThat(protocol.pollEvents()).singleElement().isInstanceOfSatisfying(Closed.class, c -> {
                assertThat(c.status().closeCode()).isEqualTo(CloseCode.ABNORMAL_CLOSURE);
                assertThat(c.status().clean()).isFalse();
            });
            assertThat(protocol.shouldCloseTransport()).isTrue();
        }

        @Test
        void clientWaitsForTheServersTcpClose_thenClosesItselfAfterTheTimeout() {
            WebSocketProtocol protocol = client();
            protocol.close(CloseCode.NORMAL_CLOSURE, "");
            protocol.receive(ByteBuffer.wrap(server.wire(Peer.close(1000))), T0 + SECOND);
            assertThat(protocol.state()).isEqualTo(State.CLOSED);
            assertThat(protocol.shouldCloseTransport()).as("RFC 6455 §7.1.1: the server closes TCP first").isFalse();
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(T0 + 6 * SECOND);
            protocol.tick(T0 + 6 * SECOND);
            assertThat(protocol.shouldCloseTransport()).isTrue();
        }

        @Test
        void clientClosesTcpWhenTheServerDid() {
            WebSocketProtocol protocol = client();
            feed(protocol, server.wire(Peer.close(1001)));
            assertThat(protocol.shouldCloseTransport()).isFalse();
            protocol.receiveEof(T0);
            assertThat(protocol.shouldCloseTransport()).isTrue();
            assertThat(protocol.pollEvents()).filteredOn(Closed.class::isInstance).hasSize(1);
        }

        @Test
        void eofWithoutCloseFrame_isAbnormal1006() {
            WebSocketProtocol protocol = server();
            protocol.receiveEof(T0);
            assertThat(protocol.pollEvents()).singleElement().isInstanceOfSatisfying(Closed.class, c -> {
                assertThat(c.status().code()).isEqualTo(1006);
                assertThat(c.status().clean()).isFalse();
            });
            assertThat(protocol.shouldCloseTransport()).isTrue();
            protocol.receiveEof(T0);
            protocol.tick(T0 + 100 * SECOND);
            assertThat(protocol.pollEvents()).as("Closed is emitted exactly once").isEmpty();
        }

        @Test
        void invalidCloseCommand_isTheCallersFault() {
            WebSocketProtocol protocol = server();
            assertThatThrownBy(() -> protocol.close(CloseCode.ABNORMAL_CLOSURE, "")).isInstanceOf(IllegalArgumentException.class);
            assertThat(protocol.state()).isEqualTo(State.OPEN);
        }
    }

    @Nested
    class Heartbeat {

        @Test
        void pingIsSentAfterTheInterval_andPongKeepsTheConnectionOpen() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server(ProtocolConfig.defaults().withPingInterval(Duration.ofSeconds(30)));
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(T0 + 30 * SECOND);
            protocol.tick(T0 + 29 * SECOND);
            assertThat(protocol.pollOutgoing()).isEmpty();
            protocol.tick(T0 + 30 * SECOND);
            List<Frame> pings = peerOf(protocol).read(protocol.pollOutgoing());
            assertThat(pings).singleElement().extracting(Frame::opcode).isEqualTo(Opcode.PING);
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(T0 + 40 * SECOND); // pong timeout
            protocol.receive(ByteBuffer.wrap(client.wire(Frame.pong(pings.get(0).payload()))), T0 + 31 * SECOND);
            protocol.tick(T0 + 45 * SECOND);
            assertThat(protocol.state()).isEqualTo(State.OPEN);
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(T0 + 61 * SECOND);
        }

        @Test
        void missingPong_failsTheConnectionWith1011() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server(ProtocolConfig.defaults().withPingInterval(Duration.ofSeconds(30)));
            protocol.tick(T0 + 30 * SECOND);
            protocol.pollOutgoing();
            protocol.tick(T0 + 40 * SECOND);
            assertFailedWith(protocol, 1011);
        }

        @Test
        void missingPong_isReportedAsAPongTimeout_notAProtocolError() {
            WebSocketProtocol protocol = server(ProtocolConfig.defaults().withPingInterval(Duration.ofSeconds(30)));
            protocol.tick(T0 + 30 * SECOND);
            protocol.pollOutgoing();
            protocol.tick(T0 + 40 * SECOND);
            assertThat(protocol.pollEvents()).filteredOn(Failed.class::isInstance).singleElement()
                    .extracting(e -> ((Failed) e).error())
                    .isInstanceOf(PongTimeoutException.class)
                    .isNotInstanceOf(WebSocketProtocolException.class);
        }

        @Test
        void idleTimeout_startsACloseWith1001() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server(ProtocolConfig.defaults().withIdleTimeout(Duration.ofSeconds(60)));
            protocol.receive(ByteBuffer.wrap(client.wire(Frame.text("hi"))), T0 + 10 * SECOND);
            protocol.pollEvents();
            assertThat(protocol.nextDeadlineNanos()).isEqualTo(T0 + 70 * SECOND);
            protocol.tick(T0 + 70 * SECOND);
            assertThat(protocol.pollEvents()).singleElement().isInstanceOfSatisfying(Failed.class,
                    f -> assertThat(f.error().closeCode()).isEqualTo(CloseCode.GOING_AWAY));
            assertThat(peerOf(protocol).read(protocol.pollOutgoing())).containsExactly(Frame.close(CloseCode.GOING_AWAY, "idle timeout"));
            assertThat(protocol.state()).isEqualTo(State.CLOSING);
        }

        @Test
        void noTimers_meansNoDeadline() {
            assertThat(server().nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Nested
    class Commands {

        @Test
        void clientFramesAreMasked_serverFramesAreNot() throws WebSocketProtocolException {
            WebSocketProtocol clientSide = client();
            clientSide.sendText("Hello");
            ByteBuffer wire = clientSide.pollOutgoing().get(0);
            assertThat(wire.get(1) & 0x80).isEqualTo(0x80);
            assertThat(peerOf(clientSide).read(List.of(wire))).containsExactly(Frame.text("Hello"));
            WebSocketProtocol serverSide = server();
            serverSide.sendText("Hello");
            assertThat(serverSide.pollOutgoing().get(0).get(1) & 0x80).isZero();
        }

        @Test
        void sendFragment_followsTheFragmentationRules() throws WebSocketProtocolException {
            WebSocketProtocol protocol = server();
            assertThatThrownBy(() -> protocol.sendFragment(Opcode.CONTINUATION, bytes("x"), true))
                    .isInstanceOf(IllegalStateException.class);
            protocol.sendFragment(Opcode.TEXT, bytes("Hel"), false);
            assertThatThrownBy(() -> protocol.sendText("other")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> protocol.sendFragment(Opcode.PING, bytes("x"), true))
                    .isInstanceOf(IllegalArgumentException.class);
            protocol.sendPing(bytes("interleaved"));
            protocol.sendFragment(Opcode.CONTINUATION, bytes("lo"), true);
            protocol.sendText("next");
            assertThat(peerOf(protocol).read(protocol.pollOutgoing())).containsExactly(
                    Peer.fragment(Opcode.TEXT, "Hel", false), Frame.ping(bytes("interleaved")),
                    Peer.fragment(Opcode.CONTINUATION, "lo", true), Frame.text("next"));
        }

        @Test
        void sendBinary_doesNotMoveTheCallersBuffer() {
            WebSocketProtocol protocol = client();
            ByteBuffer data = bytes("abc");
            protocol.sendBinary(data);
            assertThat(data.position()).isZero();
            assertThat(data).isEqualTo(bytes("abc"));
        }

        @Test
        void pingOver125Bytes_isTheCallersFault() {
            assertThatThrownBy(() -> server().sendPing(ByteBuffer.allocate(126)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("126");
        }

        @Test
        void truncateUtf8_neverSplitsACharacter() {
            assertThat(WebSocketProtocol.truncateUtf8("aé", 2)).isEqualTo("a");
            assertThat(WebSocketProtocol.truncateUtf8("abc", 3)).isEqualTo("abc");
        }
    }
}
