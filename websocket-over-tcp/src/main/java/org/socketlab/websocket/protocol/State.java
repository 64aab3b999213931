package org.socketlab.websocket.protocol;

/**
 * Connection states of RFC 6455 §4 and §7. A {@link WebSocketProtocol} is created after the
 * opening handshake, so it starts in {@link #OPEN}; {@link #CONNECTING} exists for adapters.
 */
public enum State {
    /** The opening handshake is in progress (adapters only). */
    CONNECTING,
    /** Messages flow both ways. */
    OPEN,
    /** A close frame was sent or received; the close handshake is in progress (§7.1.2). */
    CLOSING,
    /** The close handshake is complete or the connection failed; nothing more is sent. */
    CLOSED
}
