package org.socketlab.websocket.server;

import java.net.InetSocketAddress;
import java.util.Map;
import org.socketlab.websocket.handshake.HandshakeException;
import org.socketlab.websocket.http.HttpRequest;

/**
 * An endpoint's last word on an upgrade request, before the 101 is written: it sees the
 * request line, header fields and query (a token, a cookie, the User-Agent) and may refuse the
 * connection — typically with 401 (RFC 9110 §15.5.2, then with a {@code WWW-Authenticate}
 * field) or 403 (§15.5.4). It runs on the connection's thread after the request passed every
 * RFC 6455 §4.2.1 check, the origin policy and admission; a refusal is written as
 * {@link HandshakeException#toResponse()} and the connection closed.
 *
 * <p>Whatever the interceptor puts into {@code attributes} becomes the new session's
 * {@link org.socketlab.websocket.api.Session#attributes()} before {@code onOpen} runs, which is
 * how it hands per-connection data (an authenticated user, an id) to the handler.
 *
 * <p>Calls for different connections run concurrently, so an implementation must be
 * thread-safe. A {@link RuntimeException} is answered with 500 and logged.
 */
@FunctionalInterface
public interface HandshakeInterceptor {

    /**
     * @param request       the upgrade request (already validated)
     * @param remoteAddress the peer's address and port
     * @param attributes    the session's attributes-to-be (empty, mutable, owned by this call)
     * @throws HandshakeException to refuse; its status, headers and message become the response
     */
    void beforeUpgrade(HttpRequest request, InetSocketAddress remoteAddress, Map<String, Object> attributes)
            throws HandshakeException;

    /** Accepts every request (the default). */
    static HandshakeInterceptor acceptAll() {
        return (request, remoteAddress, attributes) -> { };
    }
}
