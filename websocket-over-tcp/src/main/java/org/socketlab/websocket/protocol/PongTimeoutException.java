package org.socketlab.websocket.protocol;

import java.time.Duration;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.WebSocketException;

/**
 * No pong answered our ping within {@code pongTimeout} (RFC 6455 §5.5.2): the peer is taken to be
 * gone. Not a protocol error — the peer broke no rule — so it is its own cause; the connection is
 * still failed with 1011 on the wire, as before.
 */
public final class PongTimeoutException extends WebSocketException {

    private static final long serialVersionUID = 1L;

    private final transient Duration pongTimeout;

    public PongTimeoutException(Duration pongTimeout) {
        super(CloseCode.INTERNAL_ERROR, "no pong within %s of our ping (RFC 6455 §5.5.2)".formatted(pongTimeout), null);
        this.pongTimeout = pongTimeout;
    }

    /** The configured time a pong had to arrive in. */
    public Duration pongTimeout() {
        return pongTimeout;
    }
}
