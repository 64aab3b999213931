package org.socketlab.websocket.api;

/**
 * How a connection ended: the close code and reason (RFC 6455 §7.1.5–7.1.6) and whether the
 * closing handshake completed ({@code clean}, §7.1.4 "The WebSocket Connection is Closed").
 */
public record CloseStatus(int code, String reason, boolean clean) {

    public CloseStatus {
        reason = reason == null ? "" : reason;
    }
}
