package org.socketlab.websocket.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketException;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.testing.Allocations;
import org.socketlab.websocket.testing.FuzzReads;

/**
 * Coverage-guided fuzzing of the connection state machine (RFC 6455 §5–§7) fed random byte
 * streams in either role, with an application that echoes every message. A normal build replays
 * src/test/resources/.../ProtocolFuzzTestInputs; {@code JAZZER_FUZZ=1} fuzzes (README, reliability).
 * The first input byte chooses the role and how the rest is cut into reads.
 *
 * <p>Properties checked for every input:
 * <ul>
 *   <li>the peer's bytes never make the protocol throw;</li>
 *   <li>a {@code Failed} event carries 1002, 1007 or 1009 (what bytes alone can cause);</li>
 *   <li>everything it sends parses as frames of its role (masked iff client, §5.1); at most one
 *       close frame, whose code is 1000, 1002, 1007, 1009 or the code the peer closed with (§5.5.1);</li>
 *   <li>after EOF it is CLOSED, asks for the transport to close, and emitted exactly one
 *       {@code Closed}, after which nothing else;</li>
 *   <li>one {@code receive} call allocates at most a few times the message limit, whatever the
 *       peer's headers declare.</li>
 * </ul>
 */
class ProtocolFuzzTest {

    private static final int FRAME_LIMIT = 4096;
    private static final int MESSAGE_LIMIT = 2 * FRAME_LIMIT;
    /** A text message becomes bytes, chars and a String: a few copies of the limit, plus slack. */
    private static final long ALLOCATION_BOUND = 6L * MESSAGE_LIMIT + 64 * 1024;
    private static final Set<Integer> FAILURE_CODES = Set.of(1002, 1007, 1009);
    private static final Set<Integer> OWN_CLOSE_CODES = Set.of(1000, 1002, 1007, 1009);

    @FuzzTest(maxDuration = "60s")
    void protocolWithEchoApplication(byte[] input) {
        FuzzReads.coldThenWarm(input, ProtocolFuzzTest::run);
    }

    /** Runs the input; true when some receive() exceeded the allocation bound (throws if strict). */
    private static boolean run(FuzzReads reads, boolean strict) {
        boolean exceeded = false;
        Role role = reads.role();
        int chunk = reads.chunk();
        ProtocolConfig config = ProtocolConfig.defaults().withMaxFramePayload(FRAME_LIMIT).withMaxMessageSize(MESSAGE_LIMIT);
        Run run = new Run(role, new WebSocketProtocol(role, config, MaskKeySource.fixed(0x01020304), 0));
        long now = 0;
        for (ByteBuffer bytes : reads) {
            long before = Allocations.current();
            run.protocol.receive(bytes, now++);
            long allocated = Allocations.current() - before;
            exceeded |= allocated > ALLOCATION_BOUND;
            if (allocated > ALLOCATION_BOUND && strict) {
                throw new AssertionError("one receive() of " + chunk + " bytes allocated " + allocated
                        + " bytes; bound " + ALLOCATION_BOUND + " for a " + MESSAGE_LIMIT + "-byte message limit");
            }
            run.protocol.tick(now);
            run.react();
        }
        run.protocol.receiveEof(now);
        run.react();
        if (run.closedEvents != 1 || run.protocol.state() != State.CLOSED || !run.protocol.shouldCloseTransport()) {
            throw new AssertionError("after EOF: %d Closed events, state %s, shouldCloseTransport %s"
                    .formatted(run.closedEvents, run.protocol.state(), run.protocol.shouldCloseTransport()));
        }
        return exceeded;
    }

    /** The echo application plus a parser of everything the protocol sends. */
    private static final class Run {
        final WebSocketProtocol protocol;
        final FrameDecoder sent;
        final Set<Integer> peerCloseCodes = new HashSet<>();
        int closedEvents;
        int closeFramesSent;

        Run(Role role, WebSocketProtocol protocol) {
            this.protocol = protocol;
            // What we send must parse for the other side: a server's frames unmasked, a client's masked.
            this.sent = new FrameDecoder(role == Role.SERVER ? Role.CLIENT : Role.SERVER, 4 * MESSAGE_LIMIT, 0);
        }

        void react() {
            List<ProtocolEvent> events = protocol.pollEvents();
            for (ProtocolEvent event : events) {
                if (closedEvents > 0) {
                    throw new AssertionError("event after Closed: " + event);
                }
                switch (event) {
                    case ProtocolEvent.TextMessage text -> protocol.sendText(text.text());
                    case ProtocolEvent.BinaryMessage binary -> protocol.sendBinary(binary.data());
                    case ProtocolEvent.CloseReceived close -> peerCloseCodes.add(close.status().code());
                    case ProtocolEvent.Failed failed -> checkFailure(failed.error());
                    case ProtocolEvent.Closed ignored -> closedEvents++;
                    default -> { }
                }
            }
            for (ByteBuffer out : protocol.pollOutgoing()) {
                checkSent(out.duplicate());
            }
        }

        private static void checkFailure(WebSocketException error) {
            if (!FAILURE_CODES.contains(error.closeCode().code())) {
                throw new AssertionError("failed with " + error.closeCode() + "; the peer's bytes can only cause "
                        + FAILURE_CODES, error);
            }
        }

        private void checkSent(ByteBuffer out) {
            try {
                Frame frame;
                while ((frame = sent.decode(out)) != null) {
                    if (frame.opcode() == Opcode.CLOSE) {
                        checkCloseSent(CloseStatus.parse(frame.payload()).code());
                    }
                }
            } catch (WebSocketProtocolException e) {
                throw new AssertionError("the protocol sent bytes its peer cannot parse: " + e.getMessage(), e);
            }
        }

        private void checkCloseSent(int code) {
            if (++closeFramesSent > 1) {
                throw new AssertionError("a second close frame was sent (RFC 6455 §5.5.1: one each way)");
            }
            if (code != 1005 && !OWN_CLOSE_CODES.contains(code) && !peerCloseCodes.contains(code)) {
                throw new AssertionError("sent close code " + code + "; expected one of " + OWN_CLOSE_CODES
                        + " or the peer's " + peerCloseCodes);
            }
        }
    }
}
