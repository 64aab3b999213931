package org.socketlab.websocket.frame;

import java.util.Objects;

/**
 * Why a WebSocket connection was failed (RFC 6455 §7.1.7), with the close code sent to the peer.
 * Two kinds: {@link WebSocketProtocolException}, the peer broke a rule (1002, 1007, 1009, …),
 * and a timeout of our own, such as {@code protocol.PongTimeoutException} (1011), which is no
 * protocol error: the peer may simply be gone.
 */
public abstract class WebSocketException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient CloseCode closeCode;

    protected WebSocketException(CloseCode closeCode, String message, Throwable cause) {
        super(message, cause);
        this.closeCode = Objects.requireNonNull(closeCode, "closeCode");
    }

    /** The close code sent to the peer. */
    public CloseCode closeCode() {
        return closeCode;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " [" + closeCode.code() + "]: " + getMessage();
    }
}
