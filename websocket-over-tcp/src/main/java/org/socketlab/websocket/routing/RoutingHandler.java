package org.socketlab.websocket.routing;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.handshake.HandshakeException;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.server.HandshakeInterceptor;
import org.socketlab.websocket.frame.CloseStatus;

/**
 * The WebSocket side of a {@link WebSocketApi}: as the endpoint's {@link HandshakeInterceptor}
 * it runs {@code $connect} and names the connection; as its handler it registers the
 * connection on open, routes each message, and runs {@code $disconnect} from {@code onClose},
 * which the server calls exactly once per opened session however it ends.
 */
final class RoutingHandler implements WebSocketHandler, HandshakeInterceptor {

    private static final Logger LOG = System.getLogger(RoutingHandler.class.getName());
    static final String CONNECTION_ID = "routing.connectionId";
    static final String USER_AGENT = "routing.userAgent";
    /** RFC 9110 §15.5.2: a 401 must carry a challenge. */
    private static final String CHALLENGE = "Bearer realm=\"websocket\"";

    private final Router router;
    private final ConnectHandler onConnect;
    private final DisconnectHandler onDisconnect;
    private final ConnectionManager connections;

    RoutingHandler(Router router, ConnectHandler onConnect, DisconnectHandler onDisconnect,
                   ConnectionManager connections) {
        this.router = router;
        this.onConnect = onConnect;
        this.onDisconnect = onDisconnect;
        this.connections = connections;
    }

    @Override
    public void beforeUpgrade(HttpRequest request, InetSocketAddress remoteAddress, Map<String, Object> attributes)
            throws HandshakeException {
        String connectionId = ConnectionIds.next();
        try {
            onConnect.onConnect(new ConnectRequest(connectionId, request, remoteAddress, attributes));
        } catch (ConnectRouteRefusedException refused) {
            HttpHeaders headers = refused.status() == 401 ? HttpHeaders.of("WWW-Authenticate", CHALLENGE) : new HttpHeaders();
            // The refusal's own words in the body (401 no token, 403 bad token), not the origin policy's 403
            // text: the message is the server's, written for the client (see ConnectRouteRefusedException).
            throw new HandshakeException(refused.status(), "$connect refused: " + refused.getMessage(), headers,
                    refused.getMessage());
        }
        attributes.put(CONNECTION_ID, connectionId);
        attributes.put(USER_AGENT, request.headers().first("User-Agent").orElse(""));
    }

    @Override
    public void onOpen(Session session) {
        connections.register(connectionId(session), session, (String) session.attributes().getOrDefault(USER_AGENT, ""));
    }

    @Override
    public void onText(Session session, String text) {
        String connectionId = connectionId(session);
        connections.touch(connectionId);
        route(session, connectionId, router.select(text), text, Optional.empty());
    }

    @Override
    public void onBinary(Session session, ByteBuffer data) {
        String connectionId = connectionId(session);
        connections.touch(connectionId);
        route(session, connectionId, router.selectBinary(), "", Optional.of(data));
    }

    @Override
    public void onClose(Session session, CloseStatus status) {
        String connectionId = connectionId(session);
        connections.unregister(connectionId);
        try {
            onDisconnect.onDisconnect(connectionId, status.code(), status.reason(), connections);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "$disconnect of " + connectionId + " threw", e);
        }
    }

    private void route(Session session, String connectionId, RouteSelection selection, String text,
                       Optional<ByteBuffer> binary) {
        String requestId = ConnectionIds.next();
        if (selection.routeKey().isEmpty()) {
            // API Gateway answers a message no route takes (and no $default) with "Forbidden".
            connections.post(connectionId, JsonReplies.callerError("Forbidden", connectionId, requestId));
            return;
        }
        String routeKey = selection.routeKey().get();
        RouteContext context = new RouteContext(connectionId, routeKey, requestId, text, selection.body(), binary,
                session.attributes(), connections);
        try {
            router.handler(routeKey).handle(context);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.log(Level.WARNING, "route " + routeKey + " failed for " + connectionId + " (request " + requestId + ")", e);
            connections.post(connectionId, JsonReplies.callerError("Internal server error", connectionId, requestId));
        }
    }

    /** The id $connect assigned; a session opened without the interceptor gets one now. */
    private static String connectionId(Session session) {
        return (String) session.attributes().computeIfAbsent(CONNECTION_ID, key -> ConnectionIds.next());
    }
}
