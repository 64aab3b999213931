package org.socketlab.websocket.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.protocol.ProtocolConfig;

/**
 * One WebSocket endpoint of a {@link FrontDoor}, configured on the line that registers it, in
 * the manner of Spring's {@code WebSocketHandlerRegistry}:
 *
 * <pre>{@code
 * door.addHandler(chatHandler, "/ws/chat").setAllowedOrigins("https://chat.example")
 *         .setSubprotocols("chat").setMaxMessageSize(64 * 1024);
 * }</pre>
 *
 * <p>Without {@link #setAllowedOrigins} the front door's default allow-list applies (empty unless
 * set: browser pages are refused with 403 until their origin is listed, RFC 6455 §10.2);
 * {@code "*"} allows any origin. Mutable until the front door starts; not thread-safe.
 */
public final class WebSocketRegistration {

    private final String path;
    private final WebSocketHandler handler;
    private Optional<List<String>> allowedOrigins = Optional.empty();
    private boolean anyOrigin;
    private Optional<List<String>> subprotocols = Optional.empty();
    private final List<HandshakeInterceptor> interceptors = new ArrayList<>();
    private final List<UnaryOperator<ProtocolConfig>> protocolChanges = new ArrayList<>();
    private DeflateConfig permessageDeflate;
    private SockJsServiceRegistration sockJs;

    WebSocketRegistration(String path, WebSocketHandler handler) {
        Endpoint.at(path, handler); // validates the path
        this.path = path;
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Browser origins allowed to connect ({@code "*"}: any); others get 403. */
    public WebSocketRegistration setAllowedOrigins(String... origins) {
        if (List.of(origins).contains("*")) {
            anyOrigin = true;
            allowedOrigins = Optional.empty();
        } else {
            anyOrigin = false;
            allowedOrigins = Optional.of(List.of(origins));
        }
        return this;
    }

    /** Subprotocols in server preference order (RFC 6455 §4.2.2). */
    public WebSocketRegistration setSubprotocols(String... names) {
        subprotocols = Optional.of(List.of(names));
        return this;
    }

    /** Runs after the RFC 6455 checks, in order; any may refuse (e.g. 401) or add session attributes. */
    public WebSocketRegistration addInterceptors(HandshakeInterceptor... added) {
        interceptors.addAll(List.of(added));
        return this;
    }

    public WebSocketRegistration setMaxMessageSize(long bytes) {
        protocolChanges.add(c -> c.withMaxMessageSize(bytes).withMaxFramePayload(Math.min(c.maxFramePayload(),
                Math.max(125, bytes))));
        return this;
    }

    /** Accepts permessage-deflate (RFC 7692) on this endpoint when offered; see {@link Endpoint#permessageDeflate}. */
    public WebSocketRegistration setPermessageDeflate(DeflateConfig config) {
        this.permessageDeflate = Objects.requireNonNull(config, "config");
        return this;
    }

    public WebSocketRegistration setPingInterval(Duration interval) {
        protocolChanges.add(c -> c.withPingInterval(interval));
        return this;
    }

    public WebSocketRegistration setIdleTimeout(Duration timeout) {
        protocolChanges.add(c -> c.withIdleTimeout(timeout));
        return this;
    }

    /**
     * Serves this endpoint through SockJS 0.3.3 as well ({@code <path>/info}, {@code <path>/<server>/<session>/xhr},
     * …): clients without WebSocket reach the same handler, whose sessions are then SockJS sessions. A native
     * WebSocket upgrade at the path still works. Configure SockJS on the returned registration.
     */
    public SockJsServiceRegistration withSockJS() {
        if (sockJs == null) {
            sockJs = new SockJsServiceRegistration();
        }
        return sockJs;
    }

    Optional<SockJsServiceRegistration> sockJs() {
        return Optional.ofNullable(sockJs);
    }

    WebSocketHandler handler() {
        return handler;
    }

    String path() {
        return path;
    }

    Endpoint endpoint() {
        Endpoint endpoint = Endpoint.at(path, handler);
        if (anyOrigin) {
            endpoint = endpoint.allowAnyOrigin();
        } else if (allowedOrigins.isPresent()) {
            endpoint = endpoint.allowedOrigins(allowedOrigins.get().toArray(String[]::new));
        }
        if (subprotocols.isPresent()) {
            endpoint = endpoint.subprotocols(subprotocols.get().toArray(String[]::new));
        }
        if (permessageDeflate != null) {
            endpoint = endpoint.permessageDeflate(permessageDeflate);
        }
        List<HandshakeInterceptor> chain = List.copyOf(interceptors);
        if (!chain.isEmpty()) {
            endpoint = endpoint.interceptor((request, remote, attributes) -> {
                for (HandshakeInterceptor interceptor : chain) {
                    interceptor.beforeUpgrade(request, remote, attributes);
                }
            });
        }
        return endpoint;
    }

    /** The server's protocol configuration with this endpoint's changes; empty when none. */
    Optional<ProtocolConfig> protocol(ProtocolConfig serverDefault) {
        if (protocolChanges.isEmpty()) {
            return Optional.empty();
        }
        ProtocolConfig config = serverDefault;
        for (UnaryOperator<ProtocolConfig> change : protocolChanges) {
            config = change.apply(config);
        }
        return Optional.of(config);
    }
}
