package org.socketlab.websocket.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.handshake.HandshakeAccepted;
import org.socketlab.websocket.handshake.ServerHandshake;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.protocol.WebSocketProtocol;
import org.socketlab.websocket.transport.ConnectionSettings;
import org.socketlab.websocket.transport.LoopConnection;
import org.socketlab.websocket.transport.WebSocketConnection;

/**
 * The single upgrade path of the front door (RFC 6455 §4.2): judge the request with the
 * endpoint's {@link ServerHandshake} (400, 403, 426 …), let its {@link HandshakeInterceptor}
 * judge it (e.g. 401), write the 101, then hand the socket — and any bytes that came after the
 * request — to a {@link WebSocketConnection} built from the front door's {@link ServerConfig}
 * (limits the endpoint overrides aside). Every WebSocket of every mounted server starts here.
 */
final class WebSocketUpgrade {

    private static final Logger LOG = System.getLogger(WebSocketUpgrade.class.getName());
    /** The server never masks (RFC 6455 §5.1), so its key source is never consulted. */
    private static final MaskKeySource UNUSED_MASK_KEYS = MaskKeySource.fixed(0);

    /** What one upgrade needs besides the request. */
    record Plan(ServerHandshake handshake, HandshakeInterceptor interceptor, Optional<ProtocolConfig> protocol,
                long maxBufferedBytes, WebSocketHandler handler) {

        static Plan of(UpgradeOptions options, WebSocketHandler handler) {
            return new Plan(new ServerHandshake(options.policy()), HandshakeInterceptor.acceptAll(), options.protocol(),
                    options.maxBufferedBytes(), handler);
        }
    }

    private WebSocketUpgrade() {
    }

    /**
     * Judges the request and hands the connection, with its 101 to write after {@code onOpen}, to a new
     * {@link WebSocketConnection}, which the connection loop runs once the route's handler has
     * returned (so no frame of the route, nor the request, stays reachable while it idles).
     *
     * @return whether the connection was upgraded (false: refused, and the refusal written)
     */
    static boolean open(HttpExchange exchange, Plan plan) throws IOException {
        HttpRequest request = exchange.request();
        HttpConnection connection = exchange.connection();
        FrontDoor door = connection.door();
        if (door.isStopping()) {
            exchange.refuse(new HttpException(503, "the server is shutting down").toResponse());
            return false;
        }
        HandshakeAccepted accepted;
        Map<String, Object> attributes = new HashMap<>();
        try {
            accepted = plan.handshake().accept(request);
            plan.interceptor().beforeUpgrade(request, exchange.remoteAddress(), attributes);
        } catch (HttpException refused) {
            LOG.log(Level.DEBUG, "{0}: upgrade refused: {1} {2}", exchange.remoteAddress(), refused.status(),
                    refused.getMessage());
            exchange.refuse(refused.toResponse());
            return false;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handshake interceptor failed on " + request.path(), e);
            exchange.refuse(new HttpException(500, "the server could not decide on this connection").toResponse());
            return false;
        }
        // The 101 is not written here: the connection writes it once the handler's onOpen has
        // returned. A client that has seen the 101 can then count on onOpen having run — that a
        // chat handler has registered it, say, before a message someone sends next is broadcast
        // (as in Node's ws, whose 'connection' handler runs in the tick that writes the 101).
        byte[] switching = exchange.switchProtocols(accepted.response());
        ServerConfig config = door.config();
        ProtocolConfig protocolConfig = plan.protocol().orElse(config.protocol());
        WebSocketProtocol protocol = ServerExtensions.protocol(plan.handshake(), accepted, protocolConfig, UNUSED_MASK_KEYS,
                System.nanoTime());
        ConnectionSettings settings = new ConnectionSettings(
                plan.maxBufferedBytes() > 0 ? plan.maxBufferedBytes() : config.maxBufferedBytes(),
                config.sendTimeout(), protocolConfig.closeTimeout());
        SocketChannel channel = connection.webSocketChannel();
        if (channel != null) {
            LoopConnection onLoop = LoopConnection.create(door.eventLoops(), channel, protocol, plan.handler(), settings,
                    request.path(), accepted.subprotocol(), exchange.takeLeftover());
            onLoop.session().attributes().putAll(attributes);
            onLoop.respondOnOpen(switching);
            TrafficMeter meter = connection.socket().meter();
            if (meter != null) {
                onLoop.countBytes(meter::bytesIn, meter::bytesOut); // lab 07's meter keeps counting on the loop
            }
            connection.handOver(onLoop);
            return true;
        }
        WebSocketConnection webSocket = new WebSocketConnection(connection.webSocketSocket(), protocol, plan.handler(),
                settings, request.path(), accepted.subprotocol(), exchange.takeLeftover());
        webSocket.session().attributes().putAll(attributes);
        webSocket.respondOnOpen(switching);
        connection.handOver(webSocket);
        return true;
    }
}
