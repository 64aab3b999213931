package org.socketlab.websocket.socketio;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.socketlab.websocket.socketio.engine.EngineConfig;
import org.socketlab.websocket.server.FrontDoor;
import org.socketlab.websocket.socketio.engine.EngineServer;

/**
 * A Socket.IO v5 server (over Engine.IO v4) that the official {@code socket.io-client} speaks to
 * unchanged: long-polling first, upgraded to WebSocket, or WebSocket only.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.builder().port(3000).build().start();
 * io.of("/chat").on("connection", socket -> {
 *     socket.join("lobby");
 *     socket.on("message", (args, ack) -> {
 *         socket.to("lobby").emit("message", args.get(0));
 *         ack.send("delivered");
 *     });
 * });
 * }</pre>
 *
 * <p>Thread-safety: all methods are safe from any thread. Register namespaces, middlewares and
 * listeners before clients connect (a CONNECT to a namespace that does not exist yet is
 * refused with "Invalid namespace").
 */
public final class SocketIoServer implements AutoCloseable {

    private final Settings settings;
    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    private volatile EngineServer engine;

    /** A snapshot of the builder: later builder calls do not change a built server. */
    private record Settings(InetAddress host, int port, EngineConfig engine, Duration connectTimeout, int maxAttachments) {
    }

    private SocketIoServer(Settings settings) {
        this.settings = settings;
        SocketIoWarmup.run();
        of("/");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; returns this. */
    public synchronized SocketIoServer start() throws IOException {
        if (engine != null) {
            throw new IllegalStateException("the server is already started on port " + engine.port());
        }
        engine = EngineServer.start(settings.host, settings.port, settings.engine, session -> new Client(this, session));
        return this;
    }

    /**
     * Mounts this server at its path ({@code /socket.io/} unless set) on a running front door,
     * next to whatever else it serves — {@code io.attach(httpServer, {path})} in the reference
     * server. Stop it with {@link #close()}; the front door keeps serving its other routes.
     */
    public synchronized SocketIoServer attach(FrontDoor door) {
        if (engine != null) {
            throw new IllegalStateException("the server is already running on port " + engine.port());
        }
        engine = EngineServer.create(settings.engine, session -> new Client(this, session)).attach(door);
        return this;
    }

    /** The namespace called {@code name} ({@code "/chat"}), created on first use. */
    public Namespace of(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.startsWith("/")) {
            throw new IllegalArgumentException("a namespace name starts with '/', got \"" + name + "\"");
        }
        return namespaces.computeIfAbsent(name, Namespace::new);
    }

    /** The main namespace {@code "/"}. */
    public Namespace sockets() {
        return of("/");
    }

    /** {@code io.on("connection", ...)}: the main namespace's connections. */
    public SocketIoServer on(String event, Consumer<SocketIoSocket> listener) {
        sockets().on(event, listener);
        return this;
    }

    public int port() {
        return running().port();
    }

    public InetSocketAddress localAddress() {
        return running().localAddress();
    }

    /** {@code http://host:port} — what a client passes to {@code io(url)}. */
    public String url() {
        InetSocketAddress address = localAddress();
        String host = address.getAddress().getHostAddress();
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    public EngineConfig engineConfig() {
        return settings.engine;
    }

    /** How many client connections (Engine.IO sessions) are open. */
    public int connectionCount() {
        return running().sessions().size();
    }

    /** Closes every connection ("server shutting down") and the listening socket. */
    @Override
    public void close() {
        EngineServer running = engine;
        if (running != null) {
            running.stop(Duration.ofSeconds(2));
        }
    }

    Namespace existingNamespace(String name) {
        return namespaces.get(name);
    }

    String newSocketId() {
        return EngineServer.newId();
    }

    Duration connectTimeout() {
        return settings.connectTimeout;
    }

    int maxAttachments() {
        return settings.maxAttachments;
    }

    private EngineServer running() {
        EngineServer running = engine;
        if (running == null) {
            throw new IllegalStateException("the server is not started; call start()");
        }
        return running;
    }

    /** Settings with the reference server's defaults; loopback and an ephemeral port unless told. */
    public static final class Builder {
        private InetAddress host = InetAddress.getLoopbackAddress();
        private int port;
        private EngineConfig engine = EngineConfig.defaults();
        private Duration connectTimeout = Duration.ofSeconds(45);
        private int maxAttachments = 10;

        private Builder() {
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

        /** The request path, {@code /socket.io/} by default (the client's {@code path} option). */
        public Builder path(String value) {
            return engine(c -> c.withPath(value));
        }

        public Builder pingInterval(Duration value) {
            return engine(c -> c.withPingInterval(value));
        }

        public Builder pingTimeout(Duration value) {
            return engine(c -> c.withPingTimeout(value));
        }

        /** Largest POST body and WebSocket message in bytes (1,000,000 by default). */
        public Builder maxPayload(int bytes) {
            return engine(c -> c.withMaxPayload(bytes));
        }

        public Builder upgradeTimeout(Duration value) {
            return engine(c -> c.withUpgradeTimeout(value));
        }

        /**
         * Origins ({@code scheme://host[:port]}) whose pages may connect, by polling and by
         * WebSocket. The default allows none: a request carrying an Origin header gets 403, a
         * client that sends none (Node, Java, curl) is served — the same default as
         * {@code WebSocketServer.Builder.allowedOrigins} (Cross-Site WebSocket Hijacking defence).
         */
        public Builder allowedOrigins(String... origins) {
            return engine(c -> c.withAllowedOrigins(origins));
        }

        /** Lets pages from any origin connect: the explicit opt-in for public, cookie-less servers. */
        public Builder allowAnyOrigin() {
            return engine(EngineConfig::withAnyOrigin);
        }

        /** Credentialed CORS for allowed origins on polling ({@code Access-Control-Allow-Credentials: true}). */
        public Builder corsCredentials(boolean value) {
            return engine(c -> c.withCorsCredentials(value));
        }

        /** At most this many client connections at once (10,000 by default); 503 beyond. */
        public Builder maxSessions(int value) {
            return engine(c -> c.withMaxSessions(value));
        }

        /** At most {@code perWindow} new connections per remote address per {@code window} (300 per 10 s); 503 beyond. */
        public Builder handshakeRate(int perWindow, Duration window) {
            return engine(c -> c.withHandshakeRate(perWindow, window));
        }

        /** Adjusts any Engine.IO setting: {@code .engine(c -> c.withMaxPayload(10_000))}. */
        public Builder engine(UnaryOperator<EngineConfig> change) {
            this.engine = Objects.requireNonNull(change.apply(engine), "engine config");
            return this;
        }

        /** A connection that joins no namespace within this is closed (45 s by default). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /** The most binary attachments one packet may announce (10 by default). */
        public Builder maxAttachments(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxAttachments must be >= 0, got " + value);
            }
            this.maxAttachments = value;
            return this;
        }

        public SocketIoServer build() {
            return new SocketIoServer(new Settings(host, port, engine, connectTimeout, maxAttachments));
        }
    }
}
