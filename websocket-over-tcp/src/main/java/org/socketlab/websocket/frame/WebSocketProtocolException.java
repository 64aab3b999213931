package org.socketlab.websocket.frame;

import java.util.Objects;

/**
 * The peer broke a rule of RFC 6455. It carries the close code the connection must be
 * failed with (RFC 6455 §7.1.7), e.g. 1002 for a framing error, 1007 for invalid UTF-8,
 * 1009 for a message over the configured limit.
 */
public class WebSocketProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient CloseCode closeCode;

    public WebSocketProtocolException(CloseCode closeCode, String message) {
        super(message);
        this.closeCode = Objects.requireNonNull(closeCode, "closeCode");
    }

    public WebSocketProtocolException(CloseCode closeCode, String message, Throwable cause) {
        super(message, cause);
        this.closeCode = Objects.requireNonNull(closeCode, "closeCode");
    }

    /** The close code to send to the peer. */
    public CloseCode closeCode() {
        return closeCode;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " [" + closeCode.code() + "]: " + getMessage();
    }
}
