package org.socketlab.websocket.socketio.engine;

import java.nio.ByteBuffer;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.frame.CloseStatus;

/**
 * Bridges one WebSocket to its Engine.IO session: text frames are text packets, binary frames
 * binary messages (Engine.IO v4, "Transports: WebSocket"). For a WebSocket opened with a sid it
 * is the upgrade probe of that polling session; without one it opens a new session.
 */
final class EngineWebSocketHandler implements WebSocketHandler {

    private final EngineServer server;
    private final boolean newSession;
    private volatile EngineSession session;

    /** @param upgrading the polling session this WebSocket probes, or null for a new session */
    EngineWebSocketHandler(EngineServer server, EngineSession upgrading) {
        this.server = server;
        this.newSession = upgrading == null;
        this.session = upgrading;
    }

    @Override
    public void onOpen(Session webSocket) {
        if (session == null) {
            session = server.open(webSocket);
        } else if (!session.attachProbe(webSocket)) {
            webSocket.close(1008, "session " + session.id() + " cannot be upgraded now");
        }
    }

    @Override
    public void onText(Session webSocket, String text) {
        try {
            session.receiveFromWebSocket(webSocket, EngineCodec.decodeText(text));
        } catch (EngineProtocolException malformed) {
            session.malformed(webSocket, malformed.getMessage());
        }
    }

    @Override
    public void onBinary(Session webSocket, ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        session.receiveFromWebSocket(webSocket, EngineCodec.decodeBinary(bytes));
    }

    @Override
    public void onClose(Session webSocket, CloseStatus status) {
        EngineSession current = session;
        if (current != null) {
            current.webSocketClosed(webSocket);
        } else if (newSession) {
            server.releaseAdmission(); // closed before it opened: the reserved room is not used
        }
    }
}
