package org.socketlab.websocket.server;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.extension.DeflateConfig;

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
    private final boolean allowAnyOrigin;
    private final Optional<List<String>> subprotocols;
    private final HandshakeInterceptor interceptor;
    private final Optional<DeflateConfig> permessageDeflate;

    private Endpoint(String path, WebSocketHandler handler, Optional<List<String>> allowedOrigins,
                     boolean allowAnyOrigin, Optional<List<String>> subprotocols, HandshakeInterceptor interceptor) {
        this(path, handler, allowedOrigins, allowAnyOrigin, subprotocols, interceptor, Optional.empty());
    }

    private Endpoint(String path, WebSocketHandler handler, Optional<List<String>> allowedOrigins,
                     boolean allowAnyOrigin, Optional<List<String>> subprotocols, HandshakeInterceptor interceptor,
                     Optional<DeflateConfig> permessageDeflate) {
        this.permessageDeflate = permessageDeflate;
        this.path = path;
        this.handler = handler;
        this.allowedOrigins = allowedOrigins;
        this.allowAnyOrigin = allowAnyOrigin;
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
        return new Endpoint(path, Objects.requireNonNull(handler, "handler"), Optional.empty(), false, Optional.empty(),
                HandshakeInterceptor.acceptAll());
    }

    /**
     * Browser origins allowed to open this endpoint; others get 403 (RFC 6455 §4.2.2, §10.2).
     * Without this call the server-wide list applies, and that list is empty unless set: browsers
     * are refused until you name their origin (clients that send no Origin are served).
     */
    public Endpoint allowedOrigins(String... origins) {
        return new Endpoint(path, handler, Optional.of(List.of(origins)), false, subprotocols, interceptor,
                permessageDeflate);
    }

    /**
     * Lets a page from any origin open this endpoint: only for public data without cookies or
     * other ambient credentials (Cross-Site WebSocket Hijacking, RFC 6455 §10.2).
     */
    public Endpoint allowAnyOrigin() {
        return new Endpoint(path, handler, Optional.empty(), true, subprotocols, interceptor, permessageDeflate);
    }

    /** Subprotocols this endpoint speaks, in server preference order (RFC 6455 §4.2.2 step 5.4). */
    public Endpoint subprotocols(String... names) {
        return new Endpoint(path, handler, allowedOrigins, allowAnyOrigin, Optional.of(List.of(names)), interceptor,
                permessageDeflate);
    }

    /**
     * Runs {@code interceptor} on every upgrade request that passed the RFC 6455 checks, before
     * the 101 is written; it may refuse (e.g. 401/403) or hand attributes to the session.
     */
    public Endpoint interceptor(HandshakeInterceptor interceptor) {
        return new Endpoint(path, handler, allowedOrigins, allowAnyOrigin, subprotocols,
                Objects.requireNonNull(interceptor, "interceptor"), permessageDeflate);
    }

    /**
     * Accepts permessage-deflate (RFC 7692) on this endpoint when a client offers it, with
     * {@code config}'s wishes (by default the server resets its compressor after every message);
     * overrides the server-wide setting. Off unless called.
     */
    public Endpoint permessageDeflate(DeflateConfig config) {
        return new Endpoint(path, handler, allowedOrigins, allowAnyOrigin, subprotocols, interceptor,
                Optional.of(Objects.requireNonNull(config, "config")));
    }

    /** The permessage-deflate settings of this endpoint; empty = the server-wide ones. */
    public Optional<DeflateConfig> permessageDeflate() {
        return permessageDeflate;
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

    /** True after {@link #allowAnyOrigin()}. */
    public boolean allowsAnyOrigin() {
        return allowAnyOrigin;
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
