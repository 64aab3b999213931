package org.socketlab.websocket.sockjs;

import java.util.List;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;

/**
 * A SockJS session carried by a WebSocket ({@code <prefix>/<server>/<session>/websocket}):
 * each frame is one text message — {@code o} at once, {@code a[...]} per message sent,
 * {@code h} when silent for the heartbeat interval, {@code c[code,"reason"]} before the server
 * closes the WebSocket. Its life is the WebSocket's. Thread-safe (the WebSocket's session is).
 */
final class WebSocketSession extends SockJsSession {

    private final Session webSocket;
    private final long heartbeatNanos;
    private volatile long lastFrameAt;
    private volatile boolean closing;

    WebSocketSession(Session webSocket, WebSocketHandler handler, long heartbeatNanos) {
        super(webSocket.remoteAddress(), webSocket.path(), handler);
        this.webSocket = webSocket;
        this.heartbeatNanos = heartbeatNanos;
        this.lastFrameAt = System.nanoTime();
    }

    void sendFrame(SockJsFrame frame) {
        lastFrameAt = System.nanoTime();
        webSocket.sendTextAsync(frame.text());
    }

    @Override
    public void sendText(String text) {
        if (closing || !webSocket.isOpen()) {
            throw new IllegalStateException("the SockJS session is closed");
        }
        lastFrameAt = System.nanoTime();
        webSocket.sendText(SockJsFrame.messages(List.of(text)).text());
    }

    @Override
    public void close(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        if (webSocket.isOpen()) {
            // The SockJS close frame carries the application's code; the WebSocket closes once it is written.
            webSocket.sendTextAsync(SockJsFrame.close(code, reason).text())
                    .whenComplete((written, failure) -> webSocket.close(1000, ""));
        }
        fireClosed(code, reason, true, CloseStatus.Initiator.LOCAL);
    }

    @Override
    public boolean isOpen() {
        return !closing && webSocket.isOpen();
    }

    @Override
    public long bufferedAmount() {
        return webSocket.bufferedAmount();
    }

    void tick(long now) {
        if (!closing && webSocket.isOpen() && now - lastFrameAt >= heartbeatNanos) {
            sendFrame(SockJsFrame.HEARTBEAT);
        }
    }

    /** The WebSocket closed under us (the client closed it, or it failed): its status is the session's. */
    void webSocketClosed(CloseStatus status) {
        closing = true;
        fireClosed(status.code(), status.reason(), status.clean(), status.initiator());
    }
}
