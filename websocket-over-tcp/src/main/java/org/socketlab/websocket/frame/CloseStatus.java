package org.socketlab.websocket.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a WebSocket connection closes or closed — the one close type from the frame layer up to the
 * handler ({@code WebSocketHandler.onClose(Session, CloseStatus)}).
 *
 * <ul>
 *   <li>{@link #closeCode()} and {@link #reason()}: the body of a close frame (RFC 6455 §5.5.1),
 *       or the connection's close code of §7.1.5 — 1005 when the peer's close frame had no body,
 *       1006 when no close frame was received at all;</li>
 *   <li>{@link #clean()}: whether the closing handshake completed (§7.1.4: a close frame was
 *       received and, for the close to be clean, answered or answering ours);</li>
 *   <li>{@link #initiator()}: who started the close — {@link Initiator#LOCAL} (our close frame,
 *       our failure or timeout) or {@link Initiator#REMOTE} (the peer's close frame or its TCP close).</li>
 * </ul>
 *
 * {@link #parse} answers what a received close frame says: clean, started by the peer; the
 * protocol turns it into {@link Initiator#LOCAL} when that frame answered ours.
 *
 * @param closeCode the close code (1005 when the frame had no body, 1006 for no close frame)
 * @param reason    the reason, possibly empty, never null
 * @param clean     whether the closing handshake completed
 * @param initiator who started the close
 */
public record CloseStatus(CloseCode closeCode, String reason, boolean clean, Initiator initiator) {

    /** Who started the close. */
    public enum Initiator {
        /** This end: it sent the first close frame, failed the connection or gave up on a timer. */
        LOCAL,
        /** The peer: it sent the first close frame or closed TCP without one. */
        REMOTE
    }

    /** What an empty close frame from the peer means. */
    public static final CloseStatus NO_STATUS = new CloseStatus(CloseCode.NO_STATUS_RECEIVED, "");

    public CloseStatus {
        Objects.requireNonNull(closeCode, "closeCode");
        Objects.requireNonNull(initiator, "initiator");
        reason = reason == null ? "" : reason;
    }

    /** A close frame the peer sent: a clean close that the peer started. */
    public CloseStatus(CloseCode closeCode, String reason) {
        this(closeCode, reason, true, Initiator.REMOTE);
    }

    /** The same status with another initiator. */
    public CloseStatus withInitiator(Initiator who) {
        return new CloseStatus(closeCode, reason, clean, who);
    }

    /** The close code as a number, e.g. 1000 (a shortcut for {@code closeCode().code()}). */
    public int code() {
        return closeCode.code();
    }

    /** A connection that ended without a close handshake (RFC 6455 §7.1.5: 1006, never clean). */
    public static CloseStatus abnormal(String reason, Initiator initiator) {
        return new CloseStatus(CloseCode.ABNORMAL_CLOSURE, reason, false, initiator);
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
