package org.socketlab.websocket.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.ProtocolException;
import org.socketlab.websocket.frame.Utf8Validator;

/**
 * Turns data frames into messages (RFC 6455 §5.4): checks the fragment sequence, enforces the
 * message-size limit (§10.4) and validates text as it arrives (§8.1), failing on the first
 * invalid byte even inside a non-final fragment.
 *
 * <p>A message in one frame is not copied into an assembly buffer: text is decoded straight from
 * the frame payload, binary payload is handed over (copied once only if it is a slice of the
 * caller's read buffer). Fragmented messages grow one buffer, doubling, never past the limit.
 *
 * <p>Not thread-safe; owned by one {@link WebSocketProtocol}.
 */
final class MessageAssembler {

    private static final int INITIAL_CAPACITY = 4096;

    private final long maxMessageSize;
    private final Utf8Validator utf8 = new Utf8Validator();

    private Opcode messageOpcode;   // TEXT or BINARY while a fragmented message is open
    private ByteBuffer assembly;
    private long messageSize;
    private int validatedOfCurrentFrame; // text bytes of the current frame already fed to utf8

    MessageAssembler(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** True while a fragmented message has started and not finished. */
    boolean isMessageOpen() {
        return messageOpcode != null;
    }

    /**
     * Accepts the next data frame.
     *
     * @param sharesInput the payload is a slice of a buffer the caller will reuse
     * @return the completed message, or {@code null} when more fragments are expected
     */
    ProtocolEvent accept(Frame frame, boolean sharesInput) throws ProtocolException {
        Opcode type = messageType(frame.opcode());
        ByteBuffer payload = frame.payload();
        checkSize(messageSize + payload.remaining());
        int alreadyValidated = validatedOfCurrentFrame;
        validatedOfCurrentFrame = 0;
        if (type == Opcode.TEXT && !utf8.feed(payload.slice(payload.position() + alreadyValidated,
                payload.remaining() - alreadyValidated))) {
            throw invalidUtf8();
        }
        if (frame.fin() && messageOpcode == null) {
            return single(type, payload, sharesInput);
        }
        append(payload);
        messageSize += payload.remaining();
        messageOpcode = type;
        return frame.fin() ? finish() : null;
    }

    /**
     * Checks a data frame's header before its payload is read: the fragment sequence (§5.4) and
     * the message-size limit, so an oversized message fails before memory is spent on it.
     */
    void checkHeader(Opcode opcode, int payloadLength) throws ProtocolException {
        messageType(opcode);
        checkSize(messageSize + payloadLength);
    }

    /**
     * Sees part of a data frame's payload before the frame is complete, so that invalid UTF-8
     * fails the connection as soon as the bad byte arrives (RFC 6455 §8.1, Autobahn 6.4.3/6.4.4).
     */
    void inspectPartial(Opcode opcode, ByteBuffer chunk) throws ProtocolException {
        if (opcode.isControl() || messageType(opcode) != Opcode.TEXT) {
            return;
        }
        if (!utf8.feed(chunk)) {
            throw invalidUtf8();
        }
        validatedOfCurrentFrame += chunk.remaining();
    }

    /** The type of message this data frame belongs to, enforcing the fragment sequence (§5.4). */
    private Opcode messageType(Opcode opcode) throws ProtocolException {
        if (opcode == Opcode.CONTINUATION && messageOpcode == null) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                    "continuation frame without a message to continue (RFC 6455 §5.4)");
        }
        if (opcode != Opcode.CONTINUATION && messageOpcode != null) {
            throw new ProtocolException(CloseCode.PROTOCOL_ERROR,
                    "%s frame arrived while a fragmented %s message is still open (RFC 6455 §5.4)"
                            .formatted(opcode, messageOpcode));
        }
        return opcode == Opcode.CONTINUATION ? messageOpcode : opcode;
    }

    private ProtocolEvent single(Opcode type, ByteBuffer payload, boolean sharesInput) throws ProtocolException {
        if (type == Opcode.TEXT) {
            return text(payload);
        }
        if (!sharesInput) {
            return new ProtocolEvent.BinaryMessage(payload);
        }
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        return new ProtocolEvent.BinaryMessage(copy);
    }

    private ProtocolEvent finish() throws ProtocolException {
        ByteBuffer message = assembly.flip();
        Opcode type = messageOpcode;
        assembly = null;
        messageOpcode = null;
        messageSize = 0;
        return type == Opcode.TEXT ? text(message) : new ProtocolEvent.BinaryMessage(message);
    }

    private ProtocolEvent text(ByteBuffer payload) throws ProtocolException {
        // RFC 6455 §8.1: the whole message must be valid UTF-8, so a cut-off character fails too.
        if (!utf8.isCompleteSequence()) {
            throw new ProtocolException(CloseCode.INVALID_PAYLOAD,
                    "text message ends inside a multi-byte UTF-8 sequence (RFC 6455 §8.1)");
        }
        utf8.reset();
        String text = payload.hasArray()
                ? new String(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining(),
                        StandardCharsets.UTF_8)
                : StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
        return new ProtocolEvent.TextMessage(text);
    }

    private void checkSize(long size) throws ProtocolException {
        if (size > maxMessageSize) {
            throw new ProtocolException(CloseCode.MESSAGE_TOO_BIG,
                    "message is at least %d bytes; the limit is %d (RFC 6455 §10.4)".formatted(size, maxMessageSize));
        }
    }

    private void append(ByteBuffer payload) {
        int needed = payload.remaining();
        if (assembly == null) {
            assembly = ByteBuffer.allocate((int) Math.min(maxMessageSize, Math.max(INITIAL_CAPACITY, needed)));
        } else if (assembly.remaining() < needed) {
            long wanted = Math.max((long) assembly.capacity() * 2, (long) assembly.position() + needed);
            ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(maxMessageSize, wanted));
            assembly.flip();
            bigger.put(assembly);
            assembly = bigger;
        }
        assembly.put(payload.duplicate());
    }

    private static ProtocolException invalidUtf8() {
        return new ProtocolException(CloseCode.INVALID_PAYLOAD,
                "text message is not valid UTF-8 (RFC 6455 §8.1)");
    }
}
