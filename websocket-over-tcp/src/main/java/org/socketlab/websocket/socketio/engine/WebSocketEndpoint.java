package org.socketlab.websocket.socketio.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.handshake.HandshakeAccepted;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.handshake.ServerHandshake;
import org.socketlab.websocket.http.HandshakeException;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.protocol.WebSocketProtocol;
import org.socketlab.websocket.transport.ConnectionSettings;
import org.socketlab.websocket.transport.WebSocketConnection;

/**
 * The WebSocket transport: checks the Engine.IO query (a sid must name a polling session that
 * may upgrade), completes the RFC 6455 opening handshake with the shared {@link ServerHandshake},
 * then runs the ws-server's {@link WebSocketConnection} read loop on this thread.
 */
final class WebSocketEndpoint {

    /** Engine.IO does its own CORS; the reference server accepts any Origin on the WebSocket. */
    private static final ServerHandshake HANDSHAKE =
            new ServerHandshake(HandshakePolicy.defaults().withOrigins(OriginPolicy.allowAny()));

    private final EngineServer server;

    WebSocketEndpoint(EngineServer server) {
        this.server = server;
    }

    /** Serves the upgrade request; returns when the WebSocket has closed (or was refused). */
    void serve(Socket socket, HttpRequest request, ByteBuffer leftover) throws IOException {
        EngineSession upgrading;
        try {
            upgrading = check(request);
        } catch (RejectedRequest rejected) {
            write(socket, rejected.error().toResponse().toBytes());
            return;
        }
        HandshakeAccepted accepted;
        try {
            accepted = HANDSHAKE.accept(request);
        } catch (HandshakeException refused) {
            write(socket, refused.toResponse().toBytes());
            return;
        }
        EngineConfig config = server.config();
        ProtocolConfig protocolConfig = config.webSocketProtocol();
        write(socket, accepted.response().toBytes());
        WebSocketProtocol protocol = new WebSocketProtocol(Role.SERVER, protocolConfig, MaskKeySource.fixed(0),
                System.nanoTime());
        ConnectionSettings settings = new ConnectionSettings(config.maxBufferedBytes(), Duration.ofSeconds(30),
                protocolConfig.closeTimeout());
        new WebSocketConnection(socket, protocol, new EngineWebSocketHandler(server, upgrading), settings,
                request.path(), accepted.subprotocol(), leftover).run();
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

    private static void write(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }
}
