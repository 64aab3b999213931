package org.socketlab.websocket.server;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.socketlab.websocket.api.WebSocketHandler;

/**
 * One path the server upgrades, with its handler and, optionally, its own allowed origins and
 * subprotocols (otherwise the server-wide ones apply). Immutable.
 *
 * <pre>{@code
 * Endpoint.at("/ws/chat", new ChatHandler()).allowedOrigins("https://chat.example").subprotocols("chat")
 * }</pre>
 */
public final class Endpoint {

    private final String path;
    private final WebSocketHandler handler;
    private final Optional<List<String>> allowedOrigins;
    private final Optional<List<String>> subprotocols;
    private final HandshakeInterceptor interceptor;

    private Endpoint(String path, WebSocketHandler handler, Optional<List<String>> allowedOrigins,
                     Optional<List<String>> subprotocols, HandshakeInterceptor interceptor) {
        this.path = path;
        this.handler = handler;
        this.allowedOrigins = allowedOrigins;
        this.subprotocols = subprotocols;
        this.interceptor = interceptor;
    }

    /** An endpoint at an absolute path (RFC 6455 §3: the resource name starts with "/"). */
    public static Endpoint at(String path, WebSocketHandler handler) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("endpoint path \"" + path + "\" must start with \"/\" (RFC 6455 §3)");
        }
        if (path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("endpoint path \"" + path + "\" must not contain a query");
        }
        return new Endpoint(path, Objects.requireNonNull(handler, "handler"), Optional.empty(), Optional.empty(),
                HandshakeInterceptor.acceptAll());
    }

    /** Browser origins allowed to open this endpoint; others get 403 (RFC 6455 §4.2.2, §10.2). */
    public Endpoint allowedOrigins(String... origins) {
        return new Endpoint(path, handler, Optional.of(List.of(origins)), subprotocols, interceptor);
    }

    /** Subprotocols this endpoint speaks, in server preference order (RFC 6455 §4.2.2 step 5.4). */
    public Endpoint subprotocols(String... names) {
        return new Endpoint(path, handler, allowedOrigins, Optional.of(List.of(names)), interceptor);
    }

    /**
     * Runs {@code interceptor} on every upgrade request that passed the RFC 6455 checks, before
     * the 101 is written; it may refuse (e.g. 401/403) or hand attributes to the session.
     */
    public Endpoint interceptor(HandshakeInterceptor interceptor) {
        return new Endpoint(path, handler, allowedOrigins, subprotocols, Objects.requireNonNull(interceptor, "interceptor"));
    }

    public String path() {
        return path;
    }

    public WebSocketHandler handler() {
        return handler;
    }

    public Optional<List<String>> allowedOrigins() {
        return allowedOrigins;
    }

    public Optional<List<String>> subprotocols() {
        return subprotocols;
    }

    public HandshakeInterceptor interceptor() {
        return interceptor;
    }

    @Override
    public String toString() {
        return "Endpoint[" + path + "]";
    }
}
