package org.socketlab.websocket.server;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;

/**
 * A blocking WebSocket server (RFC 6455) on the {@link FrontDoor} (on tcp-blocking's {@code TcpServer}): one thread (virtual by
 * default, see {@link Builder#connectionThreads}) reads each connection, writes are serialised per connection and safe from any thread.
 *
 * <pre>{@code
 * WebSocketServer server = WebSocketServer.builder()
 *         .port(8080)
 *         .endpoint("/ws/chat", new ChatHandler())
 *         .allowedOrigins("http://localhost:8080")
 *         .subprotocols("chat", "superchat")
 *         .pingInterval(Duration.ofSeconds(30))
 *         .start();
 * }</pre>
 */
public final class WebSocketServer implements AutoCloseable {

    private static final Logger LOG = System.getLogger(WebSocketServer.class.getName());

    private final ServerConfig config;
    private final FrontDoor frontDoor;

    private WebSocketServer(Builder builder) throws IOException {
        this.config = builder.config;
        FrontDoor.Builder door = FrontDoor.builder()
                .host(builder.host)
                .port(builder.port)
                .backlog(builder.backlog)
                .connectionThreads(builder.connectionThreads)
                .config(config)
                .closeAfterEachResponse()
                .subprotocols(builder.subprotocols.toArray(String[]::new));
        builder.allowedOrigins.ifPresentOrElse(origins -> door.allowedOrigins(origins.toArray(String[]::new)),
                door::allowAnyOrigin);
        builder.endpoints.values().forEach(door::endpoint);
        if (builder.permessageDeflate != null) {
            door.permessageDeflate(builder.permessageDeflate);
        }
        if (builder.sslContext != null) {
            door.tls(builder.sslContext);
        }
        if (builder.httpFallback != null) {
            door.fallback(builder.httpFallback::handle);
        }
        this.frontDoor = door.start();
        LOG.log(Level.INFO, "WebSocket endpoints {0} on {1}", builder.endpoints.keySet(), uri("/"));
    }

    private WebSocketServer(FrontDoor running) {
        this.config = running.config();
        this.frontDoor = running;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A {@code WebSocketServer} view of a running front door (its sessions, address, stop), for
     * servers that moved onto a {@link FrontDoor} and keep their {@code webSocketServer()} API.
     */
    public static WebSocketServer on(FrontDoor running) {
        return new WebSocketServer(Objects.requireNonNull(running, "running"));
    }

    public int port() {
        return frontDoor.port();
    }

    public InetSocketAddress localAddress() {
        return frontDoor.localAddress();
    }

    /** The front door this server runs on (its routes, its connection counts). */
    public FrontDoor frontDoor() {
        return frontDoor;
    }

    public ServerConfig config() {
        return config;
    }

    /** {@code ws://host:port/path} (or {@code wss://}) for this server. */
    public String uri(String path) {
        return frontDoor.webSocketUrl(path);
    }

    /** The open sessions, a snapshot. */
    public Set<Session> sessions() {
        return frontDoor.sessions();
    }

    /** TCP connections accepted and not yet finished (handshakes in progress included). */
    public int activeConnections() {
        return frontDoor.activeConnections();
    }

    /**
     * Sends a text message to every open session of {@code targets} without letting one slow
     * peer hold up the others (each send is asynchronous). The future completes when every
     * send has finished; sessions that closed meanwhile are skipped.
     */
    public static CompletableFuture<Void> broadcast(Collection<? extends Session> targets, String text) {
        return broadcast(targets, session -> session.sendTextAsync(text));
    }

    /** Like {@link #broadcast(Collection, String)} for a binary message (each gets its own view). */
    public static CompletableFuture<Void> broadcast(Collection<? extends Session> targets, ByteBuffer data) {
        return broadcast(targets, session -> session.sendBinaryAsync(data.duplicate()));
    }

    private static CompletableFuture<Void> broadcast(Collection<? extends Session> targets,
                                                     Function<Session, CompletableFuture<Void>> send) {
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (Session session : targets) {
            if (session.isOpen()) {
                sends.add(send.apply(session).exceptionally(error -> {
                    LOG.log(Level.DEBUG, "broadcast to {0} failed: {1}", session.id(), error.toString());
                    return null;
                }));
            }
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    /**
     * Graceful shutdown: refuse new upgrades (503), send every session close 1001 (going away,
     * RFC 6455 §7.4.1), wait up to {@code grace} for the close handshakes, then close the rest.
     *
     * @return true when every connection finished within the grace period
     */
    public boolean stop(Duration grace) {
        return frontDoor.stop(grace);
    }

    /** {@link #stop(Duration)} with the configured shutdown timeout. */
    @Override
    public void close() {
        stop(config.shutdownTimeout());
    }

    /** Configuration with safe defaults: loopback, port 0, no endpoints yet. */
    public static final class Builder {
        private InetAddress host = InetAddress.getLoopbackAddress();
        private int port;
        private int backlog = 128;
        private ConnectionThreads connectionThreads = ConnectionThreads.configuredDefault();
        private ServerConfig config = ServerConfig.defaults();
        private SSLContext sslContext;
        private HttpFallbackHandler httpFallback;
        private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        private Optional<List<String>> allowedOrigins = Optional.of(List.of());
        private List<String> subprotocols = List.of();
        private org.socketlab.websocket.extension.DeflateConfig permessageDeflate;

        private Builder() {
        }

        public Builder host(String host) throws IOException {
            this.host = InetAddress.getByName(host);
            return this;
        }

        public Builder host(InetAddress host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /** Virtual (the default) or platform threads read the connections; see {@link ConnectionThreads}. */
        public Builder connectionThreads(ConnectionThreads threads) {
            this.connectionThreads = Objects.requireNonNull(threads, "threads");
            return this;
        }

        public Builder endpoint(String path, WebSocketHandler handler) {
            return endpoint(Endpoint.at(path, handler));
        }

        public Builder endpoint(Endpoint endpoint) {
            if (endpoints.putIfAbsent(endpoint.path(), endpoint) != null) {
                throw new IllegalArgumentException("an endpoint is already registered at " + endpoint.path());
            }
            return this;
        }

        /**
         * Origins allowed by endpoints that do not list their own. The default is an empty
         * allow-list: a browser (which always sends Origin) gets 403 until its origin is listed,
         * a client that sends no Origin is served (Cross-Site WebSocket Hijacking, RFC 6455 §10.2).
         */
        public Builder allowedOrigins(String... origins) {
            this.allowedOrigins = Optional.of(List.of(origins));
            return this;
        }

        /**
         * Lets pages from any origin open endpoints that do not list their own origins: the
         * explicit opt-in for public data served without cookies or other ambient credentials.
         */
        public Builder allowAnyOrigin() {
            this.allowedOrigins = Optional.empty();
            return this;
        }

        /** Subprotocols of endpoints that do not list their own, in preference order. */
        public Builder subprotocols(String... names) {
            this.subprotocols = List.of(names);
            return this;
        }

        /**
         * Accepts permessage-deflate (RFC 7692) on endpoints that do not set their own
         * ({@link Endpoint#permessageDeflate}); off by default.
         */
        public Builder permessageDeflate(org.socketlab.websocket.extension.DeflateConfig config) {
            this.permessageDeflate = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Answers plain HTTP requests (those without {@code Upgrade: websocket}) on the same
         * port, e.g. a management API next to the WebSocket endpoints. One request per
         * connection; see {@link HttpFallbackHandler}. For persistent connections and several
         * routes, build a {@link FrontDoor} instead.
         */
        public Builder httpFallback(HttpFallbackHandler handler) {
            this.httpFallback = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Serve wss:// with this context (TLS 1.2 and 1.3 only). */
        public Builder tls(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        public Builder config(ServerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Adjusts the configuration: {@code .configure(c -> c.withMaxConnections(100))}. */
        public Builder configure(UnaryOperator<ServerConfig> change) {
            this.config = Objects.requireNonNull(change.apply(config), "configuration");
            return this;
        }

        public Builder pingInterval(Duration interval) {
            return configure(c -> c.withProtocol(c.protocol().withPingInterval(interval)));
        }

        public Builder pongTimeout(Duration timeout) {
            return configure(c -> c.withProtocol(c.protocol().withPongTimeout(timeout)));
        }

        public Builder idleTimeout(Duration timeout) {
            return configure(c -> c.withProtocol(c.protocol().withIdleTimeout(timeout)));
        }

        public Builder closeTimeout(Duration timeout) {
            return configure(c -> c.withProtocol(c.protocol().withCloseTimeout(timeout)));
        }

        public Builder handshakeTimeout(Duration timeout) {
            return configure(c -> c.withHandshakeTimeout(timeout));
        }

        public Builder maxFramePayload(long bytes) {
            return configure(c -> c.withProtocol(c.protocol().withMaxFramePayload(bytes)));
        }

        public Builder maxMessageSize(long bytes) {
            return configure(c -> c.withProtocol(c.protocol().withMaxMessageSize(bytes)));
        }

        public Builder maxConnections(int connections) {
            return configure(c -> c.withMaxConnections(connections));
        }

        public Builder maxBufferedBytes(long bytes) {
            return configure(c -> c.withMaxBufferedBytes(bytes));
        }

        public Builder shutdownTimeout(Duration timeout) {
            return configure(c -> c.withShutdownTimeout(timeout));
        }

        public WebSocketServer start() throws IOException {
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("a WebSocketServer needs at least one endpoint: call endpoint(path, handler)");
            }
            return new WebSocketServer(this);
        }
    }
}
