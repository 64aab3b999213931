package org.socketlab.websocket.protocol;

import java.nio.ByteBuffer;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.frame.WebSocketException;

/** What a {@link WebSocketProtocol} reports to its adapter, in the order things happened. */
public sealed interface ProtocolEvent {

    /** A complete, valid UTF-8 text message. */
    record TextMessage(String text) implements ProtocolEvent {
    }

    /** A complete binary message; the buffer belongs to the receiver. */
    record BinaryMessage(ByteBuffer data) implements ProtocolEvent {
    }

    /** A ping arrived (already answered when autoPong is on). */
    record PingReceived(ByteBuffer payload) implements ProtocolEvent {
    }

    /** A pong arrived (solicited or not, RFC 6455 §5.5.3). */
    record PongReceived(ByteBuffer payload) implements ProtocolEvent {
    }

    /**
     * The peer's close frame arrived: its code (1005 when the frame had no payload) and reason,
     * {@code clean}, and who started the close ({@code LOCAL} when the frame answered ours).
     */
    record CloseReceived(CloseStatus status) implements ProtocolEvent {
    }

    /**
     * We failed the connection (RFC 6455 §7.1.7): a {@code WebSocketProtocolException} (the peer's
     * fault: 1002, 1007, 1009, …) or a timeout such as {@link PongTimeoutException} (1011).
     */
    record Failed(WebSocketException error) implements ProtocolEvent {
    }

    /**
     * The connection is CLOSED; emitted exactly once. Code 1006 and {@code clean == false} when it
     * ended without a close handshake (RFC 6455 §7.1.5).
     */
    record Closed(CloseStatus status) implements ProtocolEvent {
    }
}
