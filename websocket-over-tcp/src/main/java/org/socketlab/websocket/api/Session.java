package org.socketlab.websocket.api;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.frame.Opcode;

/**
 * One open WebSocket connection, as the application sees it. Thread-safe: see the package
 * contract.
 *
 * <p>Sending: {@link #sendText} and {@link #sendBinary} block while the outbound queue holds
 * {@code maxBufferedBytes} or more (backpressure), then return once the message is queued;
 * the {@code ...Async} variants never block and complete when the message has been written
 * to the socket. Both throw {@link IllegalStateException} once the session is no longer open.
 */
public interface Session {

    /** A short id, unique within this JVM, e.g. {@code "ws-17"}. */
    String id();

    InetSocketAddress remoteAddress();

    /** The request path the session was opened on (server) or connected to (client). */
    String path();

    /** The subprotocol both sides agreed on (RFC 6455 §1.9), if any. */
    Optional<String> subprotocol();

    /** Free-form per-session storage for the application (thread-safe map). */
    Map<String, Object> attributes();

    void sendText(String text);

    void sendBinary(ByteBuffer data);

    CompletableFuture<Void> sendTextAsync(String text);

    CompletableFuture<Void> sendBinaryAsync(ByteBuffer data);

    /**
     * Sends one fragment of a message (RFC 6455 §5.4): {@code TEXT} or {@code BINARY} first,
     * then {@code CONTINUATION}s, the last one with {@code fin}; no other message may start
     * until the last fragment is sent. Blocks for queue space like {@link #sendText}.
     *
     * @throws UnsupportedOperationException from sessions that cannot send fragments (the
     *         default, for sessions that are not RFC 6455 connections)
     */
    default void sendFragment(Opcode opcode, ByteBuffer data, boolean fin) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not send fragments");
    }

    /** Sends a ping (payload of at most 125 bytes, RFC 6455 §5.5). */
    void ping(ByteBuffer payload);

    /** Starts the closing handshake with 1000 (normal closure). */
    default void close() {
        close(1000, "");
    }

    /**
     * Starts the closing handshake (RFC 6455 §7.1.2). Closing an already closing or closed
     * session does nothing.
     */
    void close(int code, String reason);

    boolean isOpen();

    /** Bytes queued for the socket and not yet written, like the browser's {@code bufferedAmount}. */
    long bufferedAmount();

    /** Completes once when the connection is closed (after {@link WebSocketHandler#onClose}). */
    CompletableFuture<CloseStatus> closeFuture();
}
