package org.socketlab.websocket.server;

import java.net.InetSocketAddress;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/**
 * Answers the plain HTTP requests a {@link WebSocketServer} receives on its port: every request
 * that does not ask for {@code Upgrade: websocket} (RFC 6455 §4.1 item 5). Upgrade requests
 * still go to the endpoints (or get 404). Without a fallback handler the server answers a plain
 * request the way it always did: 404 for an unknown path, the handshake's refusal (426/400)
 * for an endpoint's path.
 *
 * <p>The request arrives whole, its body read (Content-Length only) within the server's
 * {@code handshakeTimeout} and {@link org.socketlab.websocket.http.HttpLimits}. The server
 * writes the response with {@code Connection: close} and closes the connection: one request per
 * connection (RFC 9112 §9.6), so no keep-alive timer is needed.
 *
 * <p>Called concurrently for different connections, on their own threads; implementations must
 * be thread-safe. A {@link RuntimeException} is answered with 500 and logged.
 */
@FunctionalInterface
public interface HttpFallbackHandler {

    /**
     * @param request       a complete non-upgrade request
     * @param remoteAddress the peer's address and port
     * @return the response to write (the server adds {@code Connection: close})
     */
    HttpResponse handle(HttpRequest request, InetSocketAddress remoteAddress);
}
