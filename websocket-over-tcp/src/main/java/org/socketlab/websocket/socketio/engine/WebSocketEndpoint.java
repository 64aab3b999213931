package org.socketlab.websocket.socketio.engine;

import java.io.IOException;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.server.HttpExchange;
import org.socketlab.websocket.server.UpgradeOptions;

/**
 * The WebSocket transport: checks the Engine.IO query (a sid must name a polling session that
 * may upgrade), then hands the request to the front door's single upgrade path, which runs the
 * WebSocket on this thread with Engine.IO's limits ({@code maxPayload}, the outbound queue).
 */
final class WebSocketEndpoint {

    /** Engine.IO does its own CORS; the reference server accepts any Origin on the WebSocket. */
    private static final HandshakePolicy POLICY = HandshakePolicy.defaults().withOrigins(OriginPolicy.allowAny());

    private final EngineServer server;

    WebSocketEndpoint(EngineServer server) {
        this.server = server;
    }

    /**
     * Serves the upgrade request through the front door's single upgrade path; returns when the
     * WebSocket has closed (or was refused).
     */
    void serve(HttpExchange exchange) throws IOException {
        EngineSession upgrading;
        try {
            upgrading = check(exchange.request());
        } catch (RejectedRequest rejected) {
            HttpResponse refusal = rejected.error().toResponse();
            refusal.headers().set("Connection", "close");
            exchange.respond(refusal);
            return;
        }
        EngineConfig config = server.config();
        UpgradeOptions options = UpgradeOptions.of(POLICY).withProtocol(config.webSocketProtocol())
                .withMaxBufferedBytes(config.maxBufferedBytes());
        exchange.upgrade(options, new EngineWebSocketHandler(server, upgrading));
    }

    private EngineSession check(HttpRequest request) throws RejectedRequest {
        EngineRequest query = EngineRequest.from(request);
        if (!query.transport().equals(EngineRequest.WEBSOCKET)) {
            throw new RejectedRequest(EngineError.BAD_REQUEST, "an Upgrade request must say transport=websocket");
        }
        if (query.sid() == null) {
            return null;
        }
        EngineSession session = server.find(query.sid());
        if (session == null) {
            throw new RejectedRequest(EngineError.UNKNOWN_SID, "no session " + query.sid());
        }
        if (!session.canUpgrade()) {
            throw new RejectedRequest(EngineError.BAD_REQUEST, "session " + query.sid() + " is already upgrading or upgraded");
        }
        return session;
    }
}
