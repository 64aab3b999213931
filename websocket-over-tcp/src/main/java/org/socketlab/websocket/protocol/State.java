package org.socketlab.websocket.protocol;

/**
 * Connection states of RFC 6455 §7, after the opening handshake (a {@link WebSocketProtocol} is
 * created once the handshake succeeded, so there is no CONNECTING state here: the handshake is
 * {@code handshake/}'s job). See the diagram in {@link WebSocketProtocol}.
 */
public enum State {
    /** Messages flow both ways. */
    OPEN,
    /**
     * The peer's close frame, or a violation that fails the connection, arrived behind messages
     * the adapter has not polled yet. Nothing more is read; the application may still send — its
     * answers to those messages go out before our close frame (Autobahn 1.x, 3.2, 7.1.1). The close
     * is acted on at the first {@code receive}/{@code tick} after the events were polled.
     */
    CLOSE_PENDING,
    /** We sent a close frame and wait for the peer's (§7.1.2); nothing more may be sent. */
    CLOSING,
    /** The close handshake is complete or the connection failed; nothing more is sent. */
    CLOSED;

    /** True while the application may still send: {@link #OPEN} and {@link #CLOSE_PENDING}. */
    public boolean canSend() {
        return this == OPEN || this == CLOSE_PENDING;
    }
}
