package org.socketlab.websocket.socketio.engine;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.server.HttpExchange;
import org.socketlab.websocket.server.UpgradeOptions;

/**
 * The WebSocket transport: {@link #verdict} decides what an upgrade request on the Engine.IO
 * path gets (a new session, the probe of a polling session, 101-then-close, or an HTTP error),
 * {@link #handlerFor} bridges an accepted WebSocket to its session. {@link #serve} runs both
 * through the front door's single upgrade path ({@link HttpExchange#upgrade}).
 */
final class WebSocketEndpoint {

    private static final Logger LOG = System.getLogger(WebSocketEndpoint.class.getName());

    /** The Origin rule is Engine.IO's own ({@link EngineCors}, checked in {@link #verdict}). */
    private static final HandshakePolicy POLICY = HandshakePolicy.defaults().withOrigins(OriginPolicy.allowAny());

    private final EngineServer server;

    WebSocketEndpoint(EngineServer server) {
        this.server = server;
    }

    /**
     * The Engine.IO decision on an upgrade request, in the reference server's order: transport,
     * sid, then for a new session the protocol version and the caps; the Origin rule first.
     * An {@link UpgradeVerdict.OpenSession} holds reserved room: pass it to {@link #handlerFor},
     * or to {@link #abandon} if the RFC 6455 handshake fails.
     *
     * @param remote the client's address (for the handshake rate cap), or null if unknown
     */
    UpgradeVerdict verdict(HttpRequest request, InetAddress remote) {
        try {
            server.cors().check(request);
            EngineRequest query = EngineRequest.from(request);
            if (query.sid() == null) {
                if (!query.transport().equals(EngineRequest.WEBSOCKET)) {
                    throw new RejectedRequest(EngineError.BAD_REQUEST, "an Upgrade request must say transport=websocket");
                }
                query.requireVersion4();
                server.admit(remote);
                return new UpgradeVerdict.OpenSession();
            }
            EngineSession session = server.find(query.sid());
            if (session == null) {
                throw new RejectedRequest(EngineError.UNKNOWN_SID, "no session " + query.sid());
            }
            if (!query.transport().equals(EngineRequest.WEBSOCKET)) {
                throw new RejectedRequest(EngineError.BAD_REQUEST, "an Upgrade request must say transport=websocket");
            }
            return session.canUpgrade() ? new UpgradeVerdict.Probe(session)
                    : new UpgradeVerdict.AcceptThenClose("session " + session.id() + " is already upgrading or upgraded");
        } catch (RejectedRequest rejected) {
            LOG.log(Level.DEBUG, "upgrade from {0} refused: {1}", remote, rejected.getMessage());
            return new UpgradeVerdict.Refuse(rejected.response());
        }
    }

    /** The handler for the WebSocket an accepted verdict let in. */
    WebSocketHandler handlerFor(UpgradeVerdict verdict) {
        return switch (verdict) {
            case UpgradeVerdict.OpenSession open -> new EngineWebSocketHandler(server, null);
            case UpgradeVerdict.Probe probe -> new EngineWebSocketHandler(server, probe.session());
            case UpgradeVerdict.AcceptThenClose refused -> new WebSocketHandler() {
                @Override
                public void onOpen(Session webSocket) {
                    LOG.log(Level.DEBUG, "closing a second WebSocket: {0}", refused.why());
                    webSocket.close(1000, "");
                }
            };
            case UpgradeVerdict.Refuse refuse -> throw new IllegalArgumentException("a refused upgrade has no handler");
        };
    }

    /** Gives back what a verdict reserved when its WebSocket never opened. */
    void abandon(UpgradeVerdict verdict) {
        if (verdict instanceof UpgradeVerdict.OpenSession) {
            server.releaseAdmission();
        }
    }

    /**
     * Serves the upgrade request through the front door's single upgrade path (the WebSocket
     * then runs on this connection's thread with Engine.IO's limits once this returns).
     */
    void serve(HttpExchange exchange) throws IOException {
        UpgradeVerdict verdict = verdict(exchange.request(), exchange.remoteAddress().getAddress());
        if (verdict instanceof UpgradeVerdict.Refuse refuse) {
            HttpResponse refusal = refuse.response();
            refusal.headers().set("Connection", "close"); // a refused upgrade ends the connection (RFC 9112 §9.6)
            exchange.respond(refusal);
            return;
        }
        EngineConfig config = server.config();
        UpgradeOptions options = UpgradeOptions.of(POLICY).withProtocol(config.webSocketProtocol())
                .withMaxBufferedBytes(config.maxBufferedBytes());
        WebSocketHandler handler = handlerFor(verdict);
        boolean upgraded = false;
        try {
            upgraded = exchange.upgrade(options, handler);
        } finally {
            if (!upgraded) {
                abandon(verdict); // the RFC 6455 handshake failed: the reserved room was never used
            }
        }
    }
}
