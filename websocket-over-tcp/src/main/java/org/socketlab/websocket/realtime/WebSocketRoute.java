package org.socketlab.websocket.realtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.server.HttpExchange;
import org.socketlab.websocket.server.UpgradeOptions;
import org.socketlab.websocket.frame.CloseStatus;

/**
 * GET /ws: the RFC 6455 opening handshake through the front door's single upgrade path, which
 * runs the WebSocket on the same (metered) socket with the front door's limits. Each tick
 * becomes one text frame — 2 bytes of frame header for a payload under 126 bytes (RFC 6455 §5.2).
 * Text the client sends is answered with {@code ack: <text>}: the channel goes both ways.
 */
final class WebSocketRoute {

    /** A subscriber whose unsent frames exceed this is too slow for the feed and is closed. */
    private static final long MAX_BUFFERED_BYTES = 1L << 20;

    private final RealtimeService server;
    private final HttpExchange exchange;
    private final TrafficStats stats;

    WebSocketRoute(RealtimeService server, HttpExchange exchange, TrafficStats stats) {
        this.server = server;
        this.exchange = exchange;
        this.stats = stats;
    }

    void serve() throws IOException {
        // Browsers may connect from the index page this server serves; nobody else's pages.
        InetSocketAddress local = exchange.localAddress();
        String port = Integer.toString(local.getPort());
        String host = local.getAddress().getHostAddress();
        List<String> origins = new java.util.ArrayList<>(List.of("http://127.0.0.1:" + port, "http://localhost:" + port));
        if (!host.equals("127.0.0.1") && host.indexOf(':') < 0) {
            origins.add("http://" + host + ":" + port);
        }
        HandshakePolicy policy = HandshakePolicy.defaults().withOrigins(OriginPolicy.allowList(origins));
        HttpRequest request = exchange.request();
        FeedHandler feed = new FeedHandler(resumeFrom(request));
        exchange.upgrade(UpgradeOptions.of(policy), feed);
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
            server.register(session);
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
        public void onClose(Session session, CloseStatus status) {
            server.unregister(session);
            Ticker.Subscription current = subscription;
            if (current != null) {
                current.close();
            }
        }
    }
}
