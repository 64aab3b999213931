package org.socketlab.websocket.api;

import java.nio.ByteBuffer;
import org.socketlab.websocket.frame.CloseStatus;

/**
 * Callbacks for one WebSocket endpoint (server) or connection (client). All methods have
 * empty defaults, so a handler overrides only what it needs.
 *
 * <p>Callbacks of one session run on its reading thread one at a time (see the package
 * contract). A callback that throws is reported to {@link #onError} and the connection is
 * closed with 1011 (internal error, RFC 6455 §7.4.1).
 */
public interface WebSocketHandler {

    /**
     * The opening handshake completed; the session may send from now on.
     *
     * <p>On a server, the 101 reaches the client only once this returns: a client that has its
     * 101 knows {@code onOpen} ran (registered it in a chat room, say), and what this sends
     * follows the 101. So do not wait here for a send to complete (an async send's future): it
     * cannot leave before this returns. A blocking send that finds the queue full lets the 101
     * out first and waits as usual.
     */
    default void onOpen(Session session) {
    }

    /** A complete text message (fragments already joined, UTF-8 already validated). */
    default void onText(Session session, String text) {
    }

    /** A complete binary message; the buffer belongs to the handler. */
    default void onBinary(Session session, ByteBuffer data) {
    }

    /** A ping arrived; the pong was already sent when auto-pong is on (the default). */
    default void onPing(Session session, ByteBuffer payload) {
    }

    /** A pong arrived (an answer to our ping, or an unsolicited heartbeat, RFC 6455 §5.5.3). */
    default void onPong(Session session, ByteBuffer payload) {
    }

    /**
     * The connection is closed, exactly once per session. {@code status.code()} is the close code
     * the peer sent (or 1005 when its close frame had none, 1006 when there was no close handshake
     * at all — RFC 6455 §7.1.5); {@code status.clean()} says whether the closing handshake
     * completed, {@code status.initiator()} who started the close.
     */
    default void onClose(Session session, CloseStatus status) {
    }

    /** The peer broke the protocol, a timer fired, or I/O failed; {@link #onClose} follows. */
    default void onError(Session session, Throwable error) {
    }
}
