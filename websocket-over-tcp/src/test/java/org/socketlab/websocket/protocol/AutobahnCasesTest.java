package org.socketlab.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;

/**
 * Cases after Autobahn|Testsuite sections 1–7 and 9, played against the sans-I/O protocol in both
 * roles with an echo application, strict verdicts: the peer's frames go in (all at once, or
 * chopped into 1-byte reads), and the frames we write must be exactly the expected echoes and
 * pongs followed by our close frame with the expected code (or nothing more after the close).
 */
class AutobahnCasesTest {

    private static final int MIB = 1 << 20;

    /** One case: what the peer sends, what we must write back, the close code we must send. */
    record Case(String id, List<Frame> peerSends, List<Frame> weEcho, Integer closeCode) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        // 1.x text and binary messages of every length form, followed by a close in the same write.
        for (int length : new int[] {0, 125, 126, 127, 128, 65535, 65536}) {
            cases.add(echo("1.1 text " + length, Frame.text("*".repeat(length))));
            cases.add(echo("1.2 binary " + length, Frame.binary(ByteBuffer.allocate(length))));
        }
        // 2.x pings and pongs.
        cases.add(new Case("2.1 empty ping", List.of(Frame.ping(null), close(1000)), List.of(Frame.pong(null), close(1000)), 1000));
        cases.add(new Case("2.4 ping 125", List.of(Frame.ping(bytes(125)), close(1000)), List.of(Frame.pong(bytes(125)), close(1000)), 1000));
        cases.add(fails("2.5 ping 126", 1002, Frame.ping(bytes(126))));
        cases.add(new Case("2.7 unsolicited pong", List.of(Frame.pong(bytes(10)), close(1000)), List.of(close(1000)), 1000));
        List<Frame> tenPings = new ArrayList<>();
        List<Frame> tenPongs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tenPings.add(Frame.ping(text("ping " + i)));
            tenPongs.add(Frame.pong(text("ping " + i)));
        }
        tenPings.add(close(1000));
        tenPongs.add(close(1000));
        cases.add(new Case("2.10 ten pings", tenPings, tenPongs, 1000));
        // 3.x RSV bits without an extension; 3.2: the valid message before it is still echoed.
        for (int rsv = 1; rsv <= 7; rsv++) {
            Frame bad = new Frame(true, (rsv & 4) != 0, (rsv & 2) != 0, (rsv & 1) != 0, Opcode.TEXT, text("bad"));
            cases.add(new Case("3.x RSV=" + rsv + " after a valid message", List.of(Frame.text("ok"), bad, Frame.ping(null)),
                    List.of(Frame.text("ok")), 1002));
        }
        // 4.x reserved opcodes (sent raw below: the encoder cannot express them).
        // 5.x fragmentation.
        cases.add(fails("5.1 fragmented ping", 1002, Frame.of(Opcode.PING, text("a"), false), Frame.continuation(text("b"), true)));
        cases.add(fails("5.2 fragmented pong", 1002, Frame.of(Opcode.PONG, text("a"), false), Frame.continuation(text("b"), true)));
        cases.add(echoAs("5.3 text in 2 fragments", Frame.text("fragment1fragment2"),
                Frame.of(Opcode.TEXT, text("fragment1"), false), Frame.continuation(text("fragment2"), true)));
        cases.add(new Case("5.6 ping between fragments",
                List.of(Frame.of(Opcode.TEXT, text("fragment1"), false), Frame.ping(text("p")), Frame.continuation(text("fragment2"), true), close(1000)),
                List.of(Frame.pong(text("p")), Frame.text("fragment1fragment2"), close(1000)), 1000));
        cases.add(fails("5.9 continuation without start", 1002, Frame.continuation(text("x"), true), Frame.text("y")));
        cases.add(fails("5.10 continuation FIN=0 without start", 1002, Frame.continuation(text("x"), false)));
        cases.add(new Case("5.15 new message inside a fragmented one",
                List.of(Frame.of(Opcode.TEXT, text("f1"), false), Frame.continuation(text("f2"), true),
                        Frame.continuation(text("f3"), false), Frame.text("f4")),
                List.of(Frame.text("f1f2")), 1002));
        cases.add(new Case("5.18 TEXT inside TEXT", List.of(Frame.of(Opcode.TEXT, text("f1"), false), Frame.of(Opcode.TEXT, text("f2"), true)),
                List.of(), 1002));
        // 6.x UTF-8.
        cases.add(echo("6.2 valid multi-byte text", Frame.text("Hello-µ@ßöäüàá-UTF-8!! κόσμε 𝄞")));
        for (String invalid : List.of("cebae1bdb9cebccebdeda080656469746564", "c0af", "e080af", "f4908080", "edbfbf", "f8888080af", "80")) {
            cases.add(fails("6.x invalid " + invalid, 1007, Frame.of(Opcode.TEXT, ByteBuffer.wrap(HexFormat.of().parseHex(invalid)), true)));
        }
        cases.add(fails("6.x invalid in first fragment", 1007,
                Frame.of(Opcode.TEXT, ByteBuffer.wrap(HexFormat.of().parseHex("cebae1bdb9cebccebdeda080")), false)));
        // 7.x closing handshake.
        cases.add(new Case("7.1.2 two closes", List.of(close(1000), close(1000)), List.of(close(1000)), 1000));
        cases.add(new Case("7.1.3 close then ping", List.of(close(1000), Frame.ping(null)), List.of(close(1000)), 1000));
        cases.add(new Case("7.1.4 close then text", List.of(close(1000), Frame.text("late")), List.of(close(1000)), 1000));
        cases.add(new Case("7.1.5 fragment, close, fragment",
                List.of(Frame.of(Opcode.TEXT, text("f1"), false), close(1000), Frame.continuation(text("f2"), true)), List.of(close(1000)), 1000));
        cases.add(new Case("7.1.6 256K text, close, ping", List.of(Frame.text("B".repeat(256 * 1024)), close(1000), Frame.ping(null)),
                List.of(Frame.text("B".repeat(256 * 1024)), close(1000)), 1000));
        cases.add(new Case("7.3.1 empty close", List.of(Frame.close(null, null)), List.of(Frame.close(null, null)), null));
        cases.add(fails("7.3.2 one-byte close", 1002, Frame.of(Opcode.CLOSE, bytes(1), true)));
        cases.add(new Case("7.3.4 close with reason", List.of(Frame.close(CloseCode.NORMAL_CLOSURE, "Hello World!")), List.of(close(1000)), 1000));
        cases.add(new Case("7.3.5 123-byte reason", List.of(Frame.close(CloseCode.NORMAL_CLOSURE, "*".repeat(123))), List.of(close(1000)), 1000));
        cases.add(fails("7.3.6 124-byte reason", 1002, Frame.of(Opcode.CLOSE, bytes(126), true)));
        cases.add(fails("7.5.1 invalid UTF-8 reason", 1007, rawClose("03e8cebae1bdb9cebccebdeda080656469746564")));
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999}) {
            cases.add(new Case("7.7 valid code " + code, List.of(close(code)), List.of(close(code)), code));
        }
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
            cases.add(fails("7.9 invalid code " + code, 1002, rawClose("%04x".formatted(code))));
        }
        return Stream.of(Role.SERVER, Role.CLIENT).flatMap(role -> cases.stream().flatMap(c ->
                Stream.of(Arguments.of(role, c, false), Arguments.of(role, c, true))));
    }

    @ParameterizedTest(name = "{1} as {0}, byte by byte: {2}")
    @MethodSource("cases")
    void caseBehavesAsAutobahnRequires(Role role, Case testCase, boolean byteByByte) throws WebSocketProtocolException {
        Peer peer = new Peer(role.peer());
        EchoLoop loop = new EchoLoop(role, ProtocolConfig.defaults());
        loop.feed(peer.wireUnchecked(testCase.peerSends()), byteByByte);
        assertWritten(peer, loop, testCase);
    }

    @ParameterizedTest(name = "4.x reserved opcode 0x{0}")
    @MethodSource("reservedOpcodes")
    void reservedOpcodeAfterAValidMessage_isEchoedThen1002(int opcode) throws WebSocketProtocolException {
        Peer peer = new Peer(Role.CLIENT);
        EchoLoop loop = new EchoLoop(Role.SERVER, ProtocolConfig.defaults());
        byte[] valid = peer.wire(Frame.text("ok"));
        byte[] reserved = {(byte) (0x80 | opcode), (byte) 0x80, 1, 2, 3, 4};
        byte[] both = Arrays.copyOf(valid, valid.length + reserved.length);
        System.arraycopy(reserved, 0, both, valid.length, reserved.length);
        loop.feed(both, false);
        assertWritten(peer, loop, new Case("4.x", List.of(), List.of(Frame.text("ok")), 1002));
    }

    static Stream<Integer> reservedOpcodes() {
        return Stream.of(3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF);
    }

    @ParameterizedTest(name = "9.x 16 MiB {0} message in 64 KiB reads, as {1}")
    @MethodSource("bigMessages")
    void sixteenMebibyteMessage_isEchoedWhenConfigured(Opcode opcode, Role role) throws WebSocketProtocolException {
        Peer peer = new Peer(role.peer());
        ProtocolConfig config = ProtocolConfig.defaults().withMaxFramePayload(16 * MIB).withMaxMessageSize(16 * MIB);
        EchoLoop loop = new EchoLoop(role, config);
        Frame big = opcode == Opcode.TEXT ? Frame.text("x".repeat(16 * MIB)) : Frame.binary(ByteBuffer.allocate(16 * MIB));
        loop.feedInChunks(peer.wire(big, close(1000)), 64 * 1024);
        assertWritten(peer, loop, new Case("9.x", List.of(), List.of(big, close(1000)), 1000));
    }

    static Stream<Arguments> bigMessages() {
        return Stream.of(Arguments.of(Opcode.TEXT, Role.SERVER), Arguments.of(Opcode.BINARY, Role.CLIENT));
    }

    /** A failure case: we must send a close frame of our own, not echo the peer's. */
    private static boolean failure(Case testCase) {
        List<Frame> echo = testCase.weEcho();
        return echo.isEmpty() || echo.get(echo.size() - 1).opcode() != Opcode.CLOSE;
    }

    private static void assertWritten(Peer peer, EchoLoop loop, Case testCase) throws WebSocketProtocolException {
        List<Frame> written = peer.read(loop.written);
        if (failure(testCase)) {
            // A failure: the echoes, then our close frame with the code (its reason explains the rule).
            assertThat(written).as("frames written").hasSize(testCase.weEcho().size() + 1);
            assertThat(written.subList(0, testCase.weEcho().size())).isEqualTo(testCase.weEcho());
            Frame ourClose = written.get(written.size() - 1);
            assertThat(ourClose.opcode()).isEqualTo(Opcode.CLOSE);
            assertThat(ourClose.payload().getShort(0) & 0xFFFF).as("close code").isEqualTo(testCase.closeCode());
        } else {
            assertThat(written).as("frames written").isEqualTo(testCase.weEcho());
        }
        assertThat(loop.protocol.state()).isEqualTo(State.CLOSED);
        // RFC 6455 §7.1.1: the server closes TCP first; a client after a clean close waits for it.
        boolean closeNow = loop.protocol.role() == Role.SERVER || failure(testCase);
        assertThat(loop.protocol.shouldCloseTransport()).as("TCP closed by us now").isEqualTo(closeNow);
    }

    /** An application that echoes every message, driven the way an adapter drives the protocol. */
    static final class EchoLoop {
        final WebSocketProtocol protocol;
        final List<ByteBuffer> written = new ArrayList<>();
        private long now = 1;

        EchoLoop(Role role, ProtocolConfig config) {
            protocol = new WebSocketProtocol(role, config, MaskKeySource.secureRandom(), 0);
        }

        void feed(byte[] wire, boolean byteByByte) {
            feedInChunks(wire, byteByByte ? 1 : Math.max(1, wire.length));
        }

        void feedInChunks(byte[] wire, int chunk) {
            for (int at = 0; at < wire.length; at += chunk) {
                protocol.receive(ByteBuffer.wrap(wire, at, Math.min(chunk, wire.length - at)), now++);
                step();
            }
            while (protocol.nextDeadlineNanos() <= now) { // deferred close / failure: "tick now"
                protocol.tick(now++);
                step();
            }
        }

        private void step() {
            protocol.tick(now);
            written.addAll(protocol.pollOutgoing());
            for (ProtocolEvent event : protocol.pollEvents()) {
                switch (event) {
                    case ProtocolEvent.TextMessage text -> protocol.sendText(text.text());
                    case ProtocolEvent.BinaryMessage binary -> protocol.sendBinary(binary.data());
                    default -> { }
                }
            }
            written.addAll(protocol.pollOutgoing());
        }
    }

    // ---------------------------------------------------------------- case builders

    private static Case echo(String id, Frame message) {
        return new Case(id, List.of(message, close(1000)), List.of(message, close(1000)), 1000);
    }

    private static Case echoAs(String id, Frame echoed, Frame... fragments) {
        List<Frame> sent = new ArrayList<>(List.of(fragments));
        sent.add(close(1000));
        return new Case(id, sent, List.of(echoed, close(1000)), 1000);
    }

    private static Case fails(String id, int code, Frame... frames) {
        return new Case(id, List.of(frames), List.of(), code);
    }

    private static Frame close(int code) {
        return Frame.close(CloseCode.of(code), "");
    }

    private static Frame rawClose(String hex) {
        return Frame.of(Opcode.CLOSE, ByteBuffer.wrap(HexFormat.of().parseHex(hex)), true);
    }

    private static ByteBuffer bytes(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 0xFE);
        return ByteBuffer.wrap(bytes);
    }

    private static ByteBuffer text(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

}
