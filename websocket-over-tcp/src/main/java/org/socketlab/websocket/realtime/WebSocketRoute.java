package org.socketlab.websocket.realtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
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
 * GET /ws: the RFC 6455 opening handshake on the HTTP connection we already read, then the
 * ws-server adapter ({@link WebSocketConnection}) runs on the same (metered) socket. Each tick
 * becomes one text frame — 2 bytes of frame header for a payload under 126 bytes (RFC 6455 §5.2).
 * Text the client sends is answered with {@code ack: <text>}: the channel goes both ways.
 */
final class WebSocketRoute {

    private static final MaskKeySource SERVER_NEVER_MASKS = MaskKeySource.fixed(0);
    /** A subscriber whose unsent frames exceed this is too slow for the feed and is closed. */
    private static final long MAX_BUFFERED_BYTES = 1L << 20;

    private final RealtimeServer server;
    private final MeteredSocket socket;
    private final TrafficStats stats;

    WebSocketRoute(RealtimeServer server, MeteredSocket socket, TrafficStats stats) {
        this.server = server;
        this.socket = socket;
        this.stats = stats;
    }

    void serve(HttpRequest request, ByteBuffer leftover) throws IOException {
        // Browsers may connect from the index page this server serves; nobody else's pages.
        String port = Integer.toString(server.port());
        HandshakePolicy policy = HandshakePolicy.defaults().withOrigins(OriginPolicy.allowList(
                List.of("http://127.0.0.1:" + port, "http://localhost:" + port)));
        HandshakeAccepted accepted;
        try {
            accepted = new ServerHandshake(policy).accept(request);
        } catch (HandshakeException refused) {
            socket.getOutputStream().write(RealtimeConnection.closing(refused.toResponse()).toBytes());
            socket.getOutputStream().flush();
            return;
        }
        socket.getOutputStream().write(accepted.response().toBytes());
        socket.getOutputStream().flush();
        long since = resumeFrom(request);
        WebSocketProtocol protocol = new WebSocketProtocol(Role.SERVER, ProtocolConfig.defaults(),
                SERVER_NEVER_MASKS, System.nanoTime());
        ConnectionSettings settings = new ConnectionSettings(4 * MAX_BUFFERED_BYTES, Duration.ofSeconds(10),
                Duration.ofSeconds(2));
        WebSocketConnection connection = new WebSocketConnection(socket, protocol, new FeedHandler(since),
                settings, request.path(), accepted.subprotocol(), leftover);
        server.register(connection);
        try {
            connection.run();
        } finally {
            server.unregister(connection);
        }
    }

    private long resumeFrom(HttpRequest request) {
        try {
            return Routes.longParameter(request, "since", server.ticker().lastId());
        } catch (IllegalArgumentException malformed) {
            return server.ticker().lastId();
        }
    }

    /** Subscribes on open, forwards every tick as a text frame, unsubscribes on close. */
    private final class FeedHandler implements WebSocketHandler {
        private final long since;
        private volatile Ticker.Subscription subscription;

        FeedHandler(long since) {
            this.since = since;
        }

        @Override
        public void onOpen(Session session) {
            subscription = server.ticker().subscribeReplaying(since, tick -> send(session, tick));
        }

        /** Runs on the publishing thread: queue the frame, never block. */
        private void send(Session session, Tick tick) {
            if (!session.isOpen()) {
                return;
            }
            if (session.bufferedAmount() > MAX_BUFFERED_BYTES) {
                session.close(1008, "too slow for the feed");
                return;
            }
            String json = tick.toJson();
            stats.delivered(1, json.length());
            try {
                session.sendTextAsync(json);
            } catch (IllegalStateException closedMeanwhile) {
                // The session closed between the check and the send; onClose unsubscribes.
            }
        }

        @Override
        public void onText(Session session, String text) {
            session.sendTextAsync("ack: " + text);
        }

        @Override
        public void onClose(Session session, int code, String reason) {
            Ticker.Subscription current = subscription;
            if (current != null) {
                current.close();
            }
        }
    }
}
