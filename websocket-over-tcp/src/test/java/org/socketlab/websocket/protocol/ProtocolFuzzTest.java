package org.socketlab.websocket.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.ProtocolException;
import org.socketlab.websocket.frame.Role;

/**
 * Coverage-guided fuzzing of the frame decoder and the connection state machine. In a normal
 * build each {@code @FuzzTest} replays its corpus (src/test/resources/.../ProtocolFuzzTestInputs)
 * as a plain test. To fuzz one method (Jazzer fuzzes one per run):
 * {@code JAZZER_FUZZ=1 mvn -pl websocket-over-tcp -am verify -Dtest='ProtocolFuzzTest#decoder'};
 * a finding is written as a crash-* file into the inputs folder: give it a telling name and keep
 * it as a regression input. The first input byte chooses the role and how the rest is cut into reads.
 */
class ProtocolFuzzTest {

    private static final int FRAME_LIMIT = 4096;

    /** The decoder only ever throws ProtocolException, and what it returns obeys RFC 6455 §5.5. */
    @FuzzTest(maxDuration = "30s")
    void decoder(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Role role = (input[0] & 1) == 0 ? Role.SERVER : Role.CLIENT;
        int chunk = 1 + ((input[0] & 0xFF) >>> 1) % 32;
        FrameDecoder decoder = new FrameDecoder(role, FRAME_LIMIT, 0);
        try {
            for (int at = 1; at < input.length; at += chunk) {
                ByteBuffer in = ByteBuffer.wrap(input, at, Math.min(chunk, input.length - at));
                Frame frame;
                while ((frame = decoder.decode(in)) != null) {
                    check(frame);
                }
                if (in.hasRemaining()) {
                    throw new AssertionError("decoder left " + in.remaining() + " bytes unconsumed");
                }
            }
        } catch (ProtocolException expected) {
            if (!expected.closeCode().isValidOnWire()) {
                throw new AssertionError("close code " + expected.closeCode() + " may not be sent", expected);
            }
        }
    }

    /** The protocol never throws on the peer's bytes and always ends CLOSED with one Closed event. */
    @FuzzTest(maxDuration = "30s")
    void protocolWithEchoApplication(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Role role = (input[0] & 1) == 0 ? Role.SERVER : Role.CLIENT;
        int chunk = 1 + ((input[0] & 0xFF) >>> 1) % 32;
        ProtocolConfig config = ProtocolConfig.defaults().withMaxFramePayload(FRAME_LIMIT).withMaxMessageSize(2 * FRAME_LIMIT);
        WebSocketProtocol protocol = new WebSocketProtocol(role, config, MaskKeySource.fixed(0x01020304), 0);
        int closedEvents = 0;
        long now = 0;
        for (int at = 1; at < input.length; at += chunk) {
            protocol.receive(ByteBuffer.wrap(input, at, Math.min(chunk, input.length - at)), now++);
            protocol.tick(now);
            closedEvents += echo(protocol, protocol.pollEvents());
        }
        protocol.receiveEof(now);
        closedEvents += echo(protocol, protocol.pollEvents());
        if (closedEvents != 1 || protocol.state() != State.CLOSED || !protocol.shouldCloseTransport()) {
            throw new AssertionError("after EOF: %d Closed events, state %s, shouldCloseTransport %s"
                    .formatted(closedEvents, protocol.state(), protocol.shouldCloseTransport()));
        }
    }

    private static int echo(WebSocketProtocol protocol, List<ProtocolEvent> events) {
        int closed = 0;
        for (ProtocolEvent event : events) {
            switch (event) {
                case ProtocolEvent.TextMessage text -> protocol.sendText(text.text());
                case ProtocolEvent.BinaryMessage binary -> protocol.sendBinary(binary.data());
                case ProtocolEvent.Closed ignored -> closed++;
                default -> { }
            }
        }
        protocol.pollOutgoing();
        return closed;
    }

    private static void check(Frame frame) {
        if (frame.payloadLength() > FRAME_LIMIT) {
            throw new AssertionError("frame over the limit returned: " + frame);
        }
        if (frame.opcode().isControl() && (!frame.fin() || frame.payloadLength() > 125)) {
            throw new AssertionError("invalid control frame returned: " + frame);
        }
        if (frame.rsv1() || frame.rsv2() || frame.rsv3()) {
            throw new AssertionError("RSV bit returned without an extension: " + frame);
        }
    }
}
