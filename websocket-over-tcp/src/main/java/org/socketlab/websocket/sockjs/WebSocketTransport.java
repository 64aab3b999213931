package org.socketlab.websocket.sockjs;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.frame.CloseStatus;

/**
 * The native WebSocket's handler for the SockJS {@code websocket} transport: it wraps each
 * WebSocket in a {@link WebSocketSession}, writes {@code o}, and turns each text message — a
 * JSON array of strings or one JSON string; an empty message is ignored — into
 * {@code onText} calls of the application's handler. Broken JSON ends the WebSocket at once
 * (SockJS 0.3.3 "test_broken_json"), with 1003 (data it cannot accept, RFC 6455 §7.4.1).
 */
final class WebSocketTransport implements WebSocketHandler {

    private static final Logger LOG = System.getLogger(WebSocketTransport.class.getName());
    private static final String SESSION_KEY = WebSocketSession.class.getName();

    private final WebSocketHandler application;
    private final SessionRegistry registry;
    private final long heartbeatNanos;
    private final Runnable sessionOpened;

    WebSocketTransport(WebSocketHandler application, SessionRegistry registry, long heartbeatNanos,
                       Runnable sessionOpened) {
        this.sessionOpened = sessionOpened;
        this.application = application;
        this.registry = registry;
        this.heartbeatNanos = heartbeatNanos;
    }

    @Override
    public void onOpen(Session webSocket) {
        WebSocketSession session = new WebSocketSession(webSocket, application, heartbeatNanos);
        if (!registry.add(session)) {
            webSocket.sendTextAsync(SockJsFrame.close(1013, "Too many sessions").text());
            webSocket.close(1013, "Try again later");
            return;
        }
        webSocket.attributes().put(SESSION_KEY, session);
        sessionOpened.run();
        session.sendFrame(SockJsFrame.OPEN);
        session.fireOpen();
    }

    @Override
    public void onText(Session webSocket, String text) {
        WebSocketSession session = (WebSocketSession) webSocket.attributes().get(SESSION_KEY);
        if (session == null || text.isEmpty()) {
            return; // SockJS 0.3.3: the server ignores empty messages
        }
        List<String> messages;
        try {
            messages = SockJsJson.decodeMessages(text, true);
        } catch (SockJsPayloadException e) {
            LOG.log(Level.DEBUG, "{0}: {1}", webSocket.remoteAddress(), e.detail());
            webSocket.close(1003, e.getMessage());
            return;
        }
        session.deliver(messages);
    }

    @Override
    public void onClose(Session webSocket, CloseStatus status) {
        WebSocketSession session = (WebSocketSession) webSocket.attributes().get(SESSION_KEY);
        if (session != null) {
            registry.remove(session);
            session.webSocketClosed(status);
        }
    }

    @Override
    public void onError(Session webSocket, Throwable error) {
        WebSocketSession session = (WebSocketSession) webSocket.attributes().get(SESSION_KEY);
        if (session != null) {
            LOG.log(Level.DEBUG, "SockJS WebSocket of " + session.id() + " failed", error);
        }
    }
}
