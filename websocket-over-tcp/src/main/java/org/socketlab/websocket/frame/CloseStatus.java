package org.socketlab.websocket.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The body of a close frame (RFC 6455 §5.5.1): empty, or a 2-byte code followed by a UTF-8
 * reason. An empty body is reported as {@link CloseCode#NO_STATUS_RECEIVED} (1005, §7.1.5).
 *
 * @param code   the close code (1005 when the frame had no body)
 * @param reason the reason, possibly empty, never null
 */
public record CloseStatus(CloseCode code, String reason) {

    /** What an empty close frame means. */
    public static final CloseStatus NO_STATUS = new CloseStatus(CloseCode.NO_STATUS_RECEIVED, "");

    public CloseStatus {
        Objects.requireNonNull(code, "code");
        reason = reason == null ? "" : reason;
    }

    /**
     * Parses and checks a close frame's payload without moving the buffer's position.
     *
     * @throws WebSocketProtocolException 1002 for a 1-byte body or a code that may not be sent; 1007 for a
     *                           reason that is not valid UTF-8 (as Autobahn case 7.5.1 expects)
     */
    public static CloseStatus parse(ByteBuffer payload) throws WebSocketProtocolException {
        int length = payload.remaining();
        if (length == 0) {
            return NO_STATUS;
        }
        if (length == 1) {
            throw new WebSocketProtocolException(CloseCode.PROTOCOL_ERROR,
                    "close frame payload is 1 byte; it must be empty or hold a 2-byte code (RFC 6455 §5.5.1)");
        }
        int code = payload.getShort(payload.position()) & 0xFFFF;
        if (!CloseCode.isValidOnWire(code)) {
            throw new WebSocketProtocolException(CloseCode.PROTOCOL_ERROR,
                    "close code %d may not be sent in a close frame (RFC 6455 §7.4)".formatted(code));
        }
        ByteBuffer reasonBytes = payload.slice(payload.position() + 2, length - 2);
        if (!Utf8Validator.isValid(reasonBytes)) {
            // RFC 6455 §8.1: invalid UTF-8 in text fails the connection with 1007.
            throw new WebSocketProtocolException(CloseCode.INVALID_PAYLOAD,
                    "close reason is not valid UTF-8 (RFC 6455 §5.5.1, §8.1)");
        }
        return new CloseStatus(CloseCode.of(code), StandardCharsets.UTF_8.decode(reasonBytes).toString());
    }
}
