package org.socketlab.websocket.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Utf8Validator;

/**
 * Turns data frames into messages (RFC 6455 §5.4): checks the fragment sequence, enforces the
 * message-size limit (§10.4) when each header arrives, and validates text as its bytes arrive
 * (§8.1), failing on the first invalid byte even inside a non-final fragment.
 *
 * <p>It is fed what {@link org.socketlab.websocket.frame.FrameDecoder#next} produces: a whole
 * frame ({@link #wholeFrame}) or a header ({@link #frameStarted}), chunks ({@link #chunk}) and
 * the end ({@link #frameEnded}). A one-frame message that arrived whole is not copied into an
 * assembly buffer; anything else grows one buffer as its bytes arrive (doubling, never past the
 * limit), so memory follows the bytes received, not the lengths declared.
 *
 * <p>When {@code keep} is false (the connection is CLOSING, §5.5.1: data after our close frame is
 * dropped) the sequence and the size limit are still enforced, but nothing is stored.
 *
 * <p>Not thread-safe; owned by one {@link WebSocketProtocol}.
 */
final class MessageAssembler {

    private static final int INITIAL_CAPACITY = 1024;

    private final long maxMessageSize;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final PerMessageDeflate deflate; // null unless permessage-deflate was agreed


    private Opcode messageOpcode;   // TEXT or BINARY while a fragmented message is open
    private Opcode frameType;       // TEXT or BINARY: the message type of the current frame
    private boolean frameFin;
    private boolean keep;
    private ByteBuffer assembly;
    private long messageSize;       // declared bytes of the message so far, current frame included
    private boolean compressed;     // the current message's first frame had RSV1 (RFC 7692 §6)

    MessageAssembler(long maxMessageSize) {
        this(maxMessageSize, null);
    }

    /** @param deflate the connection's permessage-deflate, or {@code null} when none was agreed */
    MessageAssembler(long maxMessageSize, PerMessageDeflate deflate) {
        this.maxMessageSize = maxMessageSize;
        this.deflate = deflate;
    }

    /** True while a fragmented message has started and not finished. */
    boolean isMessageOpen() {
        return messageOpcode != null;
    }

    /**
     * A data frame that arrived whole. A one-frame message is decoded straight from
     * {@code buffer} (text) or copied once (binary: the buffer is the caller's read buffer).
     *
     * @return the completed message, or {@code null} when more fragments are expected (or dropped)
     */
    ProtocolEvent wholeFrame(Opcode opcode, boolean fin, ByteBuffer buffer, int offset, int length, boolean keep)
            throws WebSocketProtocolException {
        return wholeFrame(opcode, fin, false, buffer, offset, length, keep);
    }

    /** {@link #wholeFrame(Opcode, boolean, ByteBuffer, int, int, boolean)} with the frame's RSV1 bit. */
    ProtocolEvent wholeFrame(Opcode opcode, boolean fin, boolean rsv1, ByteBuffer buffer, int offset, int length,
                             boolean keep) throws WebSocketProtocolException {
        frameStarted(opcode, fin, rsv1, length, keep);
        if (fin && messageOpcode == null && keep && !compressed) {
            messageSize = 0;
            return frameType == Opcode.TEXT ? text(buffer, offset, length, false) : binaryCopy(buffer, offset, length);
        }
        chunk(buffer, offset, length);
        return frameEnded();
    }

    /**
     * A data frame's header, before its payload: the fragment sequence (§5.4) and the size limit
     * (§10.4) are checked here, so an oversized message fails before memory is spent on it.
     */
    void frameStarted(Opcode opcode, boolean fin, int payloadLength, boolean keep) throws WebSocketProtocolException {
        frameStarted(opcode, fin, false, payloadLength, keep);
    }

    /**
     * With permessage-deflate, RSV1 marks a compressed message on its first frame only
     * (RFC 7692 §6.1); the decoder lets RSV1 through only when the extension was agreed. The size
     * limit then bounds both the compressed bytes received and the inflated bytes produced.
     */
    void frameStarted(Opcode opcode, boolean fin, boolean rsv1, int payloadLength, boolean keep)
            throws WebSocketProtocolException {
        frameType = messageType(opcode);
        if (opcode != Opcode.CONTINUATION) {
            compressed = rsv1 && deflate != null;
        } else if (rsv1) {
            throw new WebSocketProtocolException(CloseCode.PROTOCOL_ERROR, "RSV1 is set on a continuation frame; "
                    + "permessage-deflate sets it on the first frame of a message only (RFC 7692 §6.1)");
        }
        checkSize(messageSize + payloadLength);
        messageSize += payloadLength;
        frameFin = fin;
        this.keep = keep;
        if (!keep) {
            assembly = null; // CLOSING: drop what was collected; the message will not be delivered
        }
    }

    /** The next unmasked piece of the current frame's payload; not kept by reference. */
    void chunk(ByteBuffer buffer, int offset, int length) throws WebSocketProtocolException {
        if (!keep || length == 0) {
            return;
        }
        if (compressed) {
            deflate.inflate(buffer, offset, length); // 1009 as soon as the inflated size passes the limit
            return;
        }
        if (frameType == Opcode.TEXT && !utf8.feed(buffer, offset, offset + length)) {
            throw invalidUtf8();
        }
        append(buffer, offset, length);
    }

    /** The current frame is complete: returns the message when it was the last fragment. */
    ProtocolEvent frameEnded() throws WebSocketProtocolException {
        if (!frameFin) {
            messageOpcode = frameType;
            return null;
        }
        Opcode type = frameType;
        boolean deliver = keep;
        if (compressed) {
            compressed = false;
            messageOpcode = null;
            messageSize = 0;
            if (!deliver) {
                return null;
            }
            ByteBuffer inflated = deflate.finishMessage();
            return type == Opcode.TEXT ? text(inflated, 0, inflated.limit(), false)
                    : new ProtocolEvent.BinaryMessage(inflated);
        }
        ByteBuffer message = assembly == null ? ByteBuffer.allocate(0) : assembly.flip();
        assembly = null;
        messageOpcode = null;
        messageSize = 0;
        if (!deliver) {
            utf8.reset();
            return null;
        }
        return type == Opcode.TEXT ? text(message, 0, message.limit(), true) : new ProtocolEvent.BinaryMessage(message);
    }

    /** The type of message this data frame belongs to, enforcing the fragment sequence (§5.4). */
    private Opcode messageType(Opcode opcode) throws WebSocketProtocolException {
        if (opcode == Opcode.CONTINUATION && messageOpcode == null) {
            throw new WebSocketProtocolException(CloseCode.PROTOCOL_ERROR,
                    "continuation frame without a message to continue (RFC 6455 §5.4)");
        }
        if (opcode != Opcode.CONTINUATION && messageOpcode != null) {
            throw new WebSocketProtocolException(CloseCode.PROTOCOL_ERROR,
                    "%s frame arrived while a fragmented %s message is still open (RFC 6455 §5.4)"
                            .formatted(opcode, messageOpcode));
        }
        return opcode == Opcode.CONTINUATION ? messageOpcode : opcode;
    }

    private static ProtocolEvent binaryCopy(ByteBuffer buffer, int offset, int length) {
        ByteBuffer copy = ByteBuffer.allocate(length);
        copy.put(0, buffer, offset, length);
        return new ProtocolEvent.BinaryMessage(copy);
    }

    /** Validates (unless each chunk was, as it arrived), requires a complete last character, decodes. */
    private ProtocolEvent text(ByteBuffer buffer, int offset, int length, boolean validated) throws WebSocketProtocolException {
        if (!validated && !utf8.feed(buffer, offset, offset + length)) {
            throw invalidUtf8();
        }
        // RFC 6455 §8.1: the whole message must be valid UTF-8, so a cut-off character fails too.
        if (!utf8.isCompleteSequence()) {
            utf8.reset();
            throw new WebSocketProtocolException(CloseCode.INVALID_PAYLOAD,
                    "text message ends inside a multi-byte UTF-8 sequence (RFC 6455 §8.1)");
        }
        utf8.reset();
        String text = buffer.hasArray()
                ? new String(buffer.array(), buffer.arrayOffset() + offset, length, StandardCharsets.UTF_8)
                : StandardCharsets.UTF_8.decode(buffer.slice(offset, length)).toString();
        return new ProtocolEvent.TextMessage(text);
    }

    private void checkSize(long size) throws WebSocketProtocolException {
        if (size > maxMessageSize) {
            throw new WebSocketProtocolException(CloseCode.MESSAGE_TOO_BIG,
                    "message is at least %d bytes; the limit is %d (RFC 6455 §10.4)".formatted(size, maxMessageSize));
        }
    }

    private void append(ByteBuffer buffer, int offset, int length) {
        if (assembly == null) {
            assembly = ByteBuffer.allocate((int) Math.min(maxMessageSize, Math.max(INITIAL_CAPACITY, length)));
        } else if (assembly.remaining() < length) {
            long wanted = Math.max((long) assembly.capacity() * 2, (long) assembly.position() + length);
            ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(maxMessageSize, wanted));
            bigger.put(assembly.flip());
            assembly = bigger;
        }
        assembly.put(assembly.position(), buffer, offset, length);
        assembly.position(assembly.position() + length);
    }

    private static WebSocketProtocolException invalidUtf8() {
        return new WebSocketProtocolException(CloseCode.INVALID_PAYLOAD,
                "text message is not valid UTF-8 (RFC 6455 §8.1)");
    }
}
