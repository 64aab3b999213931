package org.socketlab.websocket.server;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ServerSocketFactory;
import org.socketlab.tcp.TcpServer;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.tcp.nonblocking.ChannelServerSockets;
import org.socketlab.websocket.transport.EventLoopGroup;
import org.socketlab.websocket.transport.LoopConnection;
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
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Set<HttpConnection> idleConnections = ConcurrentHashMap.newKeySet();
    private final TcpServer tcpServer;
    /** Tickets that order connections and requests by arrival (see {@link HttpExchange#arrival()}). */
    private final ArrivalOrder arrivals;
    /** The loops that drive upgraded connections with {@link ConnectionThreads#EVENT_LOOP}; null otherwise. */
    private final EventLoopGroup eventLoops;
    private volatile RouteTable routes;
    private volatile boolean stopping;
    private final List<AutoCloseable> closeOnStop;

    private FrontDoor(Builder builder) throws IOException {
        this.config = builder.config;
        this.secure = builder.sslContext != null;
        this.fallback = builder.fallback;
        this.closeAfterEachResponse = builder.closeAfterEachResponse;
        this.routes = new RouteTable(builder.resolveRoutes());
        this.closeOnStop = List.copyOf(builder.closeOnStop);
        // EVENT_LOOP: accept through a ServerSocketChannel so the accepted socket has a channel
        // to register with a selector after the upgrade. wss stays blocking (no SSLEngine here).
        boolean loops = builder.connectionThreads == ConnectionThreads.EVENT_LOOP && !secure;
        this.eventLoops = loops ? EventLoopGroup.perCore("ws-loop-") : null;
        ServerSocketFactory sockets = secure
                ? TlsContexts.serverSocketFactory(builder.sslContext)
                : loops ? ChannelServerSockets.factory() : ServerSocketFactory.getDefault();
        this.arrivals = new ArrivalOrder(builder.connectionThreads.strategy());
        this.tcpServer = TcpServer.builder()
                .host(builder.host)
                .port(builder.port)
                .backlog(builder.backlog)
                .strategy(arrivals)
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
        for (Session session : sessions) {
            session.close(1001, "server shutting down");
        }
        idleConnections.forEach(HttpConnection::closeQuietly);
        for (AutoCloseable service : closeOnStop) {
            try {
                service.close(); // SockJS sessions get their close frame (1001) and timers stop
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + service + " failed", e);
            }
        }
        boolean finished = tcpServer.stop(grace);
        if (eventLoops != null) {
            eventLoops.close(); // what the grace period left open is closed, its handlers told (1006)
        }
        return finished;
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
        Session session = webSocket.session();
        sessions.add(session);
        if (stopping) {
            session.close(1001, "server shutting down");
        }
        try {
            webSocket.run();
        } finally {
            sessions.remove(session);
        }
    }

    /** The loops of {@link ConnectionThreads#EVENT_LOOP}, or null when connections keep their threads. */
    ArrivalOrder arrivals() {
        return arrivals;
    }

    EventLoopGroup eventLoops() {
        return eventLoops;
    }

    /**
     * Hands an upgraded connection to its event loop and returns at once: the TCP server keeps
     * the socket (and its connection slot) until the loop has closed it.
     */
    void runOnLoop(LoopConnection webSocket, Socket rawSocket) throws IOException {
        Session session = webSocket.session();
        sessions.add(session);
        Runnable release = tcpServer.detach(rawSocket);
        try {
            webSocket.start(() -> {
                sessions.remove(session);
                release.run();
            });
        } catch (IOException | RuntimeException e) {
            sessions.remove(session);
            release.run();
            throw e;
        }
        if (stopping) {
            session.close(1001, "server shutting down");
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
            out.write(HttpExchange.withStandardHeaders(new HttpException(503, "the server is at its limit of "
                    + config.maxConnections() + " connections").toResponse(), false).toBytes());
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not send 503 to {0}: {1}", socket.getRemoteSocketAddress(), e.toString());
        }
    }

    static RouteTable.Route mountRoute(String prefix, ExchangeHandler handler) {
        requirePath(prefix);
        return new RouteTable.Route(prefix, true, Set.of(), false, Objects.requireNonNull(handler, "handler"));
    }

    static void requirePath(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("a route path starts with \"/\" and has no query, got \"" + path + "\"");
        }
    }

    /**
     * Routes and settings; loopback, port 0, {@link ServerConfig#defaults()} unless told. Its
     * registration methods live in {@link FrontDoorBuilder} and return this builder.
     */
    public static final class Builder extends FrontDoorBuilder<Builder> {

        private Builder() {
        }

        public FrontDoor start() throws IOException {
            return new FrontDoor(this);
        }
    }
}
