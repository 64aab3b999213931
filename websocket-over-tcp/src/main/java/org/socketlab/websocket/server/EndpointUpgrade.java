package org.socketlab.websocket.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.handshake.HandshakeException;
import org.socketlab.websocket.http.HttpRequest;

/**
 * The admission rules of one registered endpoint — its origin policy, subprotocols,
 * interceptors and limits — for a layer on top of it (SockJS): open a WebSocket exactly as the
 * endpoint would, with a handler chosen per request, and judge an HTTP request that opens a
 * session by the same origin policy and interceptors.
 */
public interface EndpointUpgrade {

    /** As {@link HttpExchange#upgrade}: true when upgraded, false when refused (and the refusal written). */
    boolean upgrade(HttpExchange exchange, WebSocketHandler handler) throws IOException;

    /**
     * Judges a request that opens a session without a WebSocket: its {@code Origin} by the
     * endpoint's policy (403 otherwise, RFC 6455 §10.2 applies to these sessions as much), then the
     * endpoint's interceptors, which may refuse or fill {@code attributes}.
     */
    void admit(HttpRequest request, InetSocketAddress remoteAddress, Map<String, Object> attributes)
            throws HandshakeException;

    /** Only the origin policy (for requests that join an existing session). */
    boolean allowsOrigin(HttpRequest request);
}
