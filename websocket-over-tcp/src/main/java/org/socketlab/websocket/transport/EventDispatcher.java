package org.socketlab.websocket.transport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.protocol.ProtocolEvent;

/**
 * Turns protocol events into handler callbacks, on the reader thread, outside the protocol
 * lock (so a callback may send). A callback that throws is logged, reported to
 * {@code onError}, and the connection is closed with 1011.
 */
final class EventDispatcher {

    private static final Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private final WebSocketSession session;
    private final WebSocketHandler handler;
    private boolean closedDelivered;

    EventDispatcher(WebSocketSession session, WebSocketHandler handler) {
        this.session = session;
        this.handler = handler;
    }

    void open() {
        guarded("onOpen", () -> handler.onOpen(session));
    }

    void dispatch(List<ProtocolEvent> events) {
        for (int i = 0; i < events.size(); i++) { // indexed: no iterator per message on the hot path
            ProtocolEvent event = events.get(i);
            switch (event) {
                case ProtocolEvent.TextMessage text -> guarded("onText", () -> handler.onText(session, text.text()));
                case ProtocolEvent.BinaryMessage binary ->
                        guarded("onBinary", () -> handler.onBinary(session, binary.data()));
                case ProtocolEvent.PingReceived ping -> guarded("onPing", () -> handler.onPing(session, ping.payload()));
                case ProtocolEvent.PongReceived pong -> guarded("onPong", () -> handler.onPong(session, pong.payload()));
                case ProtocolEvent.CloseReceived close ->
                        LOG.log(Level.DEBUG, "{0}: peer sent close {1} {2}", session, close.status().code(), close.status().reason());
                case ProtocolEvent.Failed failed -> {
                    LOG.log(Level.DEBUG, "{0}: failed: {1}", session, failed.error().getMessage());
                    guardedError(failed.error());
                }
                case ProtocolEvent.Closed closed ->
                        closed(closed.status());
            }
        }
    }

    /** Delivers onClose once and completes the session's close future. */
    void closed(CloseStatus status) {
        if (closedDelivered) {
            return;
        }
        closedDelivered = true;
        try {
            handler.onClose(session, status);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "onClose of " + session + " threw", e);
        } finally {
            session.finish(status);
        }
    }

    private void guarded(String callback, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, callback + " of " + session + " threw; closing with 1011", e);
            guardedError(e);
            session.closeAfterHandlerFailure();
        }
    }

    private void guardedError(Throwable error) {
        try {
            handler.onError(session, error);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "onError of " + session + " threw", e);
        }
    }
}
