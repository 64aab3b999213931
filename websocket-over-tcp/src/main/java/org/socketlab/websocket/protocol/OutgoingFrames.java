package org.socketlab.websocket.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameEncoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.Role;

/**
 * The sending side: encodes frames in the order they are sent and enforces the sender's half of
 * RFC 6455 §5.4 (a fragmented message is finished before another starts; control frames may be
 * interleaved). Each frame becomes one buffer, so the adapter writes one frame per write.
 *
 * <p>Not thread-safe; owned by one {@link WebSocketProtocol}.
 */
final class OutgoingFrames {

    private final FrameEncoder encoder;
    private final List<ByteBuffer> pending = new ArrayList<>();
    private Opcode fragmentedMessage; // TEXT or BINARY while we are sending a fragmented message

    OutgoingFrames(Role role, MaskKeySource keys) {
        this.encoder = new FrameEncoder(role, keys);
    }

    /** A whole message in one frame. */
    void message(Frame frame) {
        requireBetweenMessages();
        pending.add(encoder.encode(frame));
    }

    /** One fragment: TEXT or BINARY starts a message, CONTINUATION continues it, fin ends it. */
    void fragment(Opcode opcode, ByteBuffer data, boolean fin) {
        fragment(Frame.of(opcode, data, fin));
    }

    /** {@link #fragment(Opcode, ByteBuffer, boolean)} for a frame already built (e.g. compressed, RSV1 set). */
    void fragment(Frame frame) {
        Opcode opcode = frame.opcode();
        boolean fin = frame.fin();
        requireFragmentAllowed(opcode);
        pending.add(encoder.encode(frame));
        if (fin) {
            fragmentedMessage = null;
        } else if (opcode != Opcode.CONTINUATION) {
            fragmentedMessage = opcode;
        }
    }

    /** Checks the sender's half of §5.4 before a fragment is built (a compressor must not see a refused one). */
    void requireFragmentAllowed(Opcode opcode) {
        if (opcode.isControl()) {
            throw new IllegalArgumentException(
                    "%s cannot be a fragment; control frames are never fragmented (RFC 6455 §5.5)".formatted(opcode));
        }
        if (opcode == Opcode.CONTINUATION && fragmentedMessage == null) {
            throw new IllegalStateException(
                    "no fragmented message is being sent; start one with TEXT or BINARY (RFC 6455 §5.4)");
        }
        if (opcode != Opcode.CONTINUATION) {
            requireBetweenMessages();
        }
    }

    /** A ping, pong or close: allowed between the fragments of a message (§5.4). */
    void control(Frame frame) {
        pending.add(encoder.encode(frame));
    }

    List<ByteBuffer> drain() {
        if (pending.isEmpty()) {
            return List.of();
        }
        List<ByteBuffer> drained = List.copyOf(pending);
        pending.clear();
        return drained;
    }

    void requireBetweenMessages() {
        if (fragmentedMessage != null) {
            throw new IllegalStateException(("a fragmented %s message is being sent; finish it with "
                    + "sendFragment(CONTINUATION, data, true) first (RFC 6455 §5.4)").formatted(fragmentedMessage));
        }
    }
}
