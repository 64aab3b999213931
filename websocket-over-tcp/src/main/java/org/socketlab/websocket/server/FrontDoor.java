package org.socketlab.websocket.server;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import org.socketlab.tcp.TcpServer;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.http.HandshakeException;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.transport.TlsHandshakeDeadline;
import org.socketlab.websocket.transport.TlsContexts;
import org.socketlab.websocket.transport.WebSocketConnection;

/**
 * The one HTTP/1.1 front door: a {@link TcpServer} whose every connection runs the front door's
 * connection loop, and a table of routes that any set of servers mounts on — static files, plain
 * handlers (JSON APIs), held responses (long polls, streams, SSE), WebSocket endpoints through
 * one upgrade path, and whole mounted servers (Engine.IO, Socket.IO) at any path. Every route
 * shares one {@link ServerConfig}: request deadlines, header and body limits, write timeout,
 * keep-alive, the connection cap (503 beyond it).
 *
 * <pre>{@code
 * FrontDoor door = FrontDoor.builder().port(8080)
 *         .staticFiles("/", new StaticFiles("static/chat"))
 *         .get("/health", (request, remote) -> HttpResponse.text(200, "ok\n"))
 *         .configure(c -> c.withMaxConnections(1_000));
 * door.addHandler(chatHandler, "/ws/chat").setAllowedOrigins("https://chat.example");
 * door.mount("/socket.io/", socketIoEngine);
 * FrontDoor running = door.start();
 * }</pre>
 *
 * <p>Thread-safe once started; {@link #mount} may add a mount while running (like Socket.IO's
 * {@code attach}).
 */
public final class FrontDoor implements AutoCloseable {

    private static final Logger LOG = System.getLogger(FrontDoor.class.getName());

    private final ServerConfig config;
    private final boolean secure;
    private final HttpHandler fallback;
    private final boolean closeAfterEachResponse;
    private final Set<WebSocketConnection> sessions = ConcurrentHashMap.newKeySet();
    private final Set<HttpConnection> idleConnections = ConcurrentHashMap.newKeySet();
    private final TcpServer tcpServer;
    private volatile RouteTable routes;
    private volatile boolean stopping;

    private FrontDoor(Builder builder) throws IOException {
        this.config = builder.config;
        this.secure = builder.sslContext != null;
        this.fallback = builder.fallback;
        this.closeAfterEachResponse = builder.closeAfterEachResponse;
        this.routes = new RouteTable(builder.resolveRoutes());
        ServerSocketFactory sockets = secure
                ? TlsContexts.serverSocketFactory(builder.sslContext)
                : ServerSocketFactory.getDefault();
        this.tcpServer = TcpServer.builder()
                .host(builder.host)
                .port(builder.port)
                .backlog(builder.backlog)
                .strategy(builder.connectionThreads.strategy())
                .serverSocketFactory(sockets)
                .handler(socket -> new HttpConnection(this, socket).serve())
                .maxConnections(config.maxConnections(), this::refuseOverLimit)
                .start();
        LOG.log(Level.INFO, "front door on {0}: {1}", url("/"), routes.paths());
    }

    public static Builder builder() {
        return new Builder();
    }

    public ServerConfig config() {
        return config;
    }

    public int port() {
        return tcpServer.port();
    }

    public InetSocketAddress localAddress() {
        return tcpServer.localAddress();
    }

    /** {@code http://host:port/path} (or {@code https://}). */
    public String url(String path) {
        return (secure ? "https://" : "http://") + hostAndPort() + path;
    }

    /** {@code ws://host:port/path} (or {@code wss://}). */
    public String webSocketUrl(String path) {
        return (secure ? "wss://" : "ws://") + hostAndPort() + path;
    }

    private String hostAndPort() {
        String host = localAddress().getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port();
    }

    /** TCP connections accepted since start. */
    public long acceptedConnections() {
        return tcpServer.acceptedConnections();
    }

    /** TCP connections open now (WebSockets and requests in progress included). */
    public int activeConnections() {
        return tcpServer.activeConnections();
    }

    /** The open WebSocket sessions of every route, a snapshot. */
    public Set<Session> sessions() {
        return Set.copyOf(sessions);
    }

    /**
     * Mounts {@code handler} for every request whose path starts with {@code prefix}, while
     * running — what Socket.IO's {@code attach(httpServer, {path})} does.
     */
    public FrontDoor mount(String prefix, ExchangeHandler handler) {
        synchronized (this) {
            routes = routes.plus(mountRoute(prefix, handler));
        }
        return this;
    }

    /** Removes the mount at {@code prefix} (requests there get 404 again). */
    public FrontDoor unmount(String prefix) {
        synchronized (this) {
            routes = routes.minusPrefix(prefix);
        }
        return this;
    }

    public boolean isStopping() {
        return stopping;
    }

    /** {@link WebSocketServer}'s promise: a plain request is answered with {@code Connection: close}. */
    boolean closesAfterEachResponse() {
        return closeAfterEachResponse;
    }

    /**
     * Graceful stop: new requests get {@code Connection: close}, idle keep-alive connections
     * close at once, every WebSocket gets 1001 (RFC 6455 §7.4.1), held responses see
     * {@link HttpExchange#isStopping()}; waits up to {@code grace}, then closes the rest.
     *
     * @return true when every connection finished within the grace period
     */
    public boolean stop(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        stopping = true;
        for (WebSocketConnection session : sessions) {
            session.close(1001, "server shutting down");
        }
        idleConnections.forEach(HttpConnection::closeQuietly);
        return tcpServer.stop(grace);
    }

    @Override
    public void close() {
        stop(config.shutdownTimeout());
    }

    // ---- used by the connection loop --------------------------------------------------------

    void dispatch(HttpExchange exchange) throws IOException {
        HttpRequest request = exchange.request();
        RouteTable.Route route = routes.find(request.path());
        boolean upgrade = request.headers().containsToken("Upgrade", "websocket");
        if (route == null || (route.upgrade() && !upgrade && fallback != null)) {
            if (fallback != null && !upgrade) {
                servePlain(exchange, fallback);
            } else {
                exchange.respond(HttpResponse.text(404, "404 Not Found: there is no route for this path\n"));
            }
            return;
        }
        if (!route.allows(request.method())) {
            // RFC 9110 §15.5.6: a 405 names the methods that would work.
            HttpResponse refused = HttpResponse.withBody(405, HttpHeaders.of("Allow", route.allowHeader()),
                    "text/plain; charset=utf-8", "405 Method Not Allowed\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            exchange.respond(refused);
            return;
        }
        try {
            route.handler().handle(exchange);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "route " + route.path() + " failed on " + request.method() + " " + request.path(), e);
            if (exchange.state() == HttpExchange.State.PENDING) {
                exchange.refuse(HttpResponse.text(500, "500 Internal Server Error\n"));
            }
            return;
        }
        if (exchange.state() == HttpExchange.State.PENDING) {
            LOG.log(Level.WARNING, "route {0} returned without answering {1} {2}", route.path(), request.method(),
                    request.path());
            exchange.refuse(HttpResponse.text(500, "500 Internal Server Error\n"));
        }
    }

    static void servePlain(HttpExchange exchange, HttpHandler handler) throws IOException {
        HttpResponse response;
        try {
            response = Objects.requireNonNull(handler.handle(exchange.request(), exchange.remoteAddress()), "response");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handler failed on " + exchange.request().method() + " " + exchange.request().path(), e);
            response = HttpResponse.text(500, "500 Internal Server Error\n");
        }
        exchange.respond(response);
    }

    /** The connection waits for a request (true) or is busy (false); a stopping server closes idle ones. */
    void idle(HttpConnection connection, boolean waiting) {
        if (waiting) {
            idleConnections.add(connection);
            if (stopping) {
                idleConnections.remove(connection);
                connection.closeQuietly();
            }
        } else {
            idleConnections.remove(connection);
        }
    }

    /** Runs an upgraded connection's WebSocket on the calling thread until it closes. */
    void run(WebSocketConnection webSocket) {
        sessions.add(webSocket);
        if (stopping) {
            webSocket.close(1001, "server shutting down");
        }
        try {
            webSocket.run();
        } finally {
            sessions.remove(webSocket);
        }
    }

    /**
     * A connection past {@code maxConnections}, on the accept thread: 503 and close, so a flood
     * of silent connections cannot pile up threads (RFC 9110 §15.6.4: try again later).
     */
    private void refuseOverLimit(Socket socket) {
        try {
            // wss: the 503 needs a TLS handshake first; it must end at the handshake deadline.
            TlsHandshakeDeadline.complete(socket, config.handshakeTimeout());
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write(HttpExchange.withStandardHeaders(new HandshakeException(503, "the server is at its limit of "
                    + config.maxConnections() + " connections").toResponse(), false).toBytes());
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not send 503 to {0}: {1}", socket.getRemoteSocketAddress(), e.toString());
        }
    }

    private static RouteTable.Route mountRoute(String prefix, ExchangeHandler handler) {
        requirePath(prefix);
        return new RouteTable.Route(prefix, true, Set.of(), false, Objects.requireNonNull(handler, "handler"));
    }

    private static void requirePath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("a route path starts with \"/\" and has no query, got \"" + path + "\"");
        }
    }

    /** Routes and settings; loopback, port 0, {@link ServerConfig#defaults()} unless told. */
    public static final class Builder {
        private InetAddress host = InetAddress.getLoopbackAddress();
        private int port;
        private int backlog = 128;
        private ConnectionThreads connectionThreads = ConnectionThreads.VIRTUAL;
        private ServerConfig config = ServerConfig.defaults();
        private SSLContext sslContext;
        private HttpHandler fallback;
        private boolean closeAfterEachResponse;
        private Optional<List<String>> allowedOrigins = Optional.of(List.of());
        private List<String> subprotocols = List.of();
        private final List<RouteTable.Route> routes = new ArrayList<>();
        private final List<WebSocketRegistration> webSockets = new ArrayList<>();
        private final List<Endpoint> endpoints = new ArrayList<>();

        private Builder() {
        }

        public Builder host(String name) throws IOException {
            this.host = InetAddress.getByName(name);
            return this;
        }

        public Builder host(InetAddress value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        public Builder port(int value) {
            if (value < 0 || value > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + value);
            }
            this.port = value;
            return this;
        }

        public Builder backlog(int value) {
            this.backlog = value;
            return this;
        }

        public Builder connectionThreads(ConnectionThreads threads) {
            this.connectionThreads = Objects.requireNonNull(threads, "threads");
            return this;
        }

        /** Serve https:// and wss:// with this context. */
        public Builder tls(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        public Builder config(ServerConfig value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** {@code .configure(c -> c.withMaxConnections(100))}. */
        public Builder configure(UnaryOperator<ServerConfig> change) {
            this.config = Objects.requireNonNull(change.apply(config), "configuration");
            return this;
        }

        public ServerConfig currentConfig() {
            return config;
        }

        /** Default origins of WebSocket endpoints that name none (empty: browsers refused). */
        public Builder allowedOrigins(String... origins) {
            this.allowedOrigins = Optional.of(List.of(origins));
            return this;
        }

        /** WebSocket endpoints that name no origins accept any (public data only, RFC 6455 §10.2). */
        public Builder allowAnyOrigin() {
            this.allowedOrigins = Optional.empty();
            return this;
        }

        /** Default subprotocols of WebSocket endpoints that name none. */
        public Builder subprotocols(String... names) {
            this.subprotocols = List.of(names);
            return this;
        }

        /** A WebSocket endpoint; configure it on the returned registration. */
        public WebSocketRegistration addHandler(WebSocketHandler handler, String path) {
            WebSocketRegistration registration = new WebSocketRegistration(path, handler);
            webSockets.add(registration);
            return registration;
        }

        /** A WebSocket endpoint described by an {@link Endpoint}. */
        public Builder endpoint(Endpoint endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /** A plain GET (and HEAD) route at exactly {@code path}. */
        public Builder get(String path, HttpHandler handler) {
            return route(path, handler, "GET");
        }

        /** A plain route at exactly {@code path} for {@code methods}; others get 405 with Allow. */
        public Builder route(String path, HttpHandler handler, String... methods) {
            Objects.requireNonNull(handler, "handler");
            return exchangeRoute(path, false, Set.of(methods), exchange -> servePlain(exchange, handler));
        }

        /** A plain handler for every path under {@code prefix} (a JSON API such as {@code /@connections/}). */
        public Builder prefix(String prefix, HttpHandler handler, String... methods) {
            Objects.requireNonNull(handler, "handler");
            return exchangeRoute(prefix, true, Set.of(methods), exchange -> servePlain(exchange, handler));
        }

        /** Static files under {@code prefix} (GET and HEAD), e.g. {@code StaticFiles}. */
        public Builder staticFiles(String prefix, HttpHandler files) {
            return prefix(prefix, files, "GET");
        }

        /** A held response at exactly {@code path} (GET): long poll, stream, SSE. */
        public Builder held(String path, ExchangeHandler handler) {
            return exchangeRoute(path, false, Set.of("GET"), handler);
        }

        /** A whole server under {@code prefix}, every method (Engine.IO, Socket.IO, the ticker). */
        public Builder mount(String prefix, ExchangeHandler handler) {
            routes.add(mountRoute(prefix, handler));
            return this;
        }

        /** Answers every request no route matches (otherwise 404). */
        public Builder fallback(HttpHandler handler) {
            this.fallback = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** One request per connection (what {@link WebSocketServer} has always done for plain requests). */
        Builder closeAfterEachResponse() {
            this.closeAfterEachResponse = true;
            return this;
        }

        public FrontDoor start() throws IOException {
            return new FrontDoor(this);
        }

        private Builder exchangeRoute(String path, boolean prefix, Set<String> methods, ExchangeHandler handler) {
            requirePath(path);
            routes.add(new RouteTable.Route(path, prefix, methods, false, Objects.requireNonNull(handler, "handler")));
            return this;
        }

        private List<RouteTable.Route> resolveRoutes() {
            List<RouteTable.Route> all = new ArrayList<>(routes);
            for (WebSocketRegistration registration : webSockets) {
                all.add(webSocketRoute(registration.endpoint(), registration.protocol(config.protocol())));
            }
            for (Endpoint endpoint : endpoints) {
                all.add(webSocketRoute(endpoint, Optional.empty()));
            }
            return all;
        }

        private RouteTable.Route webSocketRoute(Endpoint endpoint,
                                                Optional<org.socketlab.websocket.protocol.ProtocolConfig> protocol) {
            ResolvedEndpoint resolved = ResolvedEndpoint.of(endpoint, allowedOrigins, subprotocols);
            WebSocketUpgrade.Plan plan = new WebSocketUpgrade.Plan(resolved.handshake(), endpoint.interceptor(),
                    protocol, 0, endpoint.handler());
            return new RouteTable.Route(endpoint.path(), false, Set.of(), true,
                    exchange -> WebSocketUpgrade.open(exchange, plan));
        }
    }
}
