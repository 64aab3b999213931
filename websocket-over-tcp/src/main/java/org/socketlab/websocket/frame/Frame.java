package org.socketlab.websocket.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One WebSocket frame (RFC 6455 §5.2) with its payload already unmasked. Masking is a
 * property of the wire, not of the frame: the encoder applies it and the decoder removes it.
 *
 * <p>The payload is the bytes between {@code position()} and {@code limit()}. A decoded frame's
 * payload is often a slice of the decoder's input buffer, valid until that buffer is reused:
 * copy it if you keep it.
 */
public record Frame(boolean fin, boolean rsv1, boolean rsv2, boolean rsv3, Opcode opcode, ByteBuffer payload) {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    public Frame {
        Objects.requireNonNull(opcode, "opcode");
        payload = payload == null ? EMPTY.duplicate() : payload;
    }

    /** A final, unfragmented frame without RSV bits. */
    public static Frame of(Opcode opcode, ByteBuffer payload, boolean fin) {
        return new Frame(fin, false, false, false, opcode, payload);
    }

    /** A complete text message in one frame, encoded as UTF-8. */
    public static Frame text(String text) {
        return of(Opcode.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true);
    }

    /** A complete binary message in one frame. */
    public static Frame binary(ByteBuffer data) {
        return of(Opcode.BINARY, data, true);
    }

    /** A ping (RFC 6455 §5.5.2). */
    public static Frame ping(ByteBuffer payload) {
        return of(Opcode.PING, payload, true);
    }

    /** A pong (RFC 6455 §5.5.3). */
    public static Frame pong(ByteBuffer payload) {
        return of(Opcode.PONG, payload, true);
    }

    /**
     * A close frame (RFC 6455 §5.5.1): a 2-byte big-endian code then a UTF-8 reason. {@code
     * code == null} builds the empty close frame (no status).
     *
     * @throws IllegalArgumentException if the code may not be sent or the payload exceeds 125 bytes
     */
    public static Frame close(CloseCode code, String reason) {
        if (code == null) {
            if (reason != null && !reason.isEmpty()) {
                throw new IllegalArgumentException("a close reason needs a close code (RFC 6455 §5.5.1)");
            }
            return of(Opcode.CLOSE, EMPTY.duplicate(), true);
        }
        if (!code.isValidOnWire()) {
            throw new IllegalArgumentException(
                    "close code %d may not be sent in a close frame (RFC 6455 §7.4.1)".formatted(code.code()));
        }
        byte[] reasonBytes = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        if (reasonBytes.length > FrameHeader.MAX_CONTROL_PAYLOAD - 2) {
            throw new IllegalArgumentException(
                    "close reason is %d bytes of UTF-8; the maximum is 123 (RFC 6455 §5.5)"
                            .formatted(reasonBytes.length));
        }
        ByteBuffer payload = ByteBuffer.allocate(2 + reasonBytes.length);
        payload.putShort((short) code.code()).put(reasonBytes).flip();
        return of(Opcode.CLOSE, payload, true);
    }

    /** A continuation of a fragmented message (RFC 6455 §5.4). */
    public static Frame continuation(ByteBuffer payload, boolean fin) {
        return of(Opcode.CONTINUATION, payload, fin);
    }

    /** Number of payload bytes. */
    public int payloadLength() {
        return payload.remaining();
    }

    /** RSV1..RSV3 as the bits they occupy in the first header byte (0x40, 0x20, 0x10). */
    public int rsvBits() {
        return (rsv1 ? FrameHeader.RSV1 : 0) | (rsv2 ? FrameHeader.RSV2 : 0) | (rsv3 ? FrameHeader.RSV3 : 0);
    }

    /** A copy of the payload bytes (the payload's position is unchanged). */
    public byte[] payloadBytes() {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        return bytes;
    }

    /** The payload decoded as UTF-8 (for text frames; no validation). */
    public String payloadText() {
        return new String(payloadBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Frame[" + opcode + (fin ? " FIN" : "") + (rsv1 ? " RSV1" : "") + (rsv2 ? " RSV2" : "")
                + (rsv3 ? " RSV3" : "") + ", " + payload.remaining() + " bytes]";
    }
}
