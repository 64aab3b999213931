package org.socketlab.websocket.server;

import java.io.IOException;
import org.socketlab.websocket.api.WebSocketHandler;

/**
 * The upgrade of one registered endpoint — its origin policy, subprotocols, interceptors and
 * limits — with a handler chosen per request: how a layer on top of an endpoint (SockJS's
 * {@code websocket} transport) opens a WebSocket exactly as the endpoint would.
 */
@FunctionalInterface
public interface EndpointUpgrade {

    /** As {@link HttpExchange#upgrade}: true when upgraded, false when refused (and the refusal written). */
    boolean upgrade(HttpExchange exchange, WebSocketHandler handler) throws IOException;
}
