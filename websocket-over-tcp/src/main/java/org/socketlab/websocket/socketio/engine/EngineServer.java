package org.socketlab.websocket.socketio.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.server.ExchangeHandler;
import org.socketlab.websocket.server.FrontDoor;
import org.socketlab.websocket.server.HttpExchange;
import org.socketlab.websocket.server.ServerConfig;

/**
 * An Engine.IO v4 server mounted on a {@link FrontDoor}: HTTP long-polling and WebSocket on one
 * path, sessions by sid, the timers. The layer above supplies a {@link EngineSession.Listener}
 * for every new session. {@link #start} gives it a front door of its own; {@link #create} plus
 * {@link #attach} puts it on a shared one at its configured path, next to anything else — what
 * {@code attach(httpServer, {path})} does in the reference server.
 *
 * <p>The front door reads every request (persistent connections, deadlines, write timeout,
 * {@code Connection: close} honoured and answered); this class only answers them.
 *
 * <p>Thread-safety: all methods are safe from any thread. Timers run on one scheduler thread
 * that starts a virtual thread per task, so a slow listener never delays another session's
 * heartbeat.
 */
public final class EngineServer implements ExchangeHandler, AutoCloseable {

    private static final SecureRandom IDS = new SecureRandom();

    private final EngineConfig config;
    private final Function<EngineSession, EngineSession.Listener> onSession;
    private final SessionRegistry sessions;
    private final EngineCors cors;
    private final ScheduledExecutorService timers;
    private final PollingEndpoint polling;
    private final WebSocketEndpoint webSockets;
    private volatile FrontDoor frontDoor;
    private volatile boolean ownsFrontDoor;
    private volatile boolean stopping;

    private EngineServer(EngineConfig config, Function<EngineSession, EngineSession.Listener> onSession) {
        this.config = Objects.requireNonNull(config, "config");
        this.onSession = Objects.requireNonNull(onSession, "onSession");
        this.sessions = new SessionRegistry(config.caps());
        this.cors = new EngineCors(config.origins(), config.corsCredentials());
        EngineWarmup.run(config);
        this.timers = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "engine.io-timers");
            thread.setDaemon(true);
            return thread;
        });
        this.polling = new PollingEndpoint(this);
        this.webSockets = new WebSocketEndpoint(this);
    }

    /**
     * An Engine.IO server that owns no port yet: {@link #attach} it to a front door.
     *
     * @param onSession called for every new session, before its open packet is sent; returns
     *                  the listener for that session's messages and close
     */
    public static EngineServer create(EngineConfig config, Function<EngineSession, EngineSession.Listener> onSession) {
        return new EngineServer(config, onSession);
    }

    /** Binds a front door of its own at {@code host:port} with the Engine.IO path mounted. */
    public static EngineServer start(InetAddress host, int port, EngineConfig config,
                                     Function<EngineSession, EngineSession.Listener> onSession) throws IOException {
        EngineServer server = new EngineServer(config, onSession);
        FrontDoor door = FrontDoor.builder().host(host).port(port).config(frontDoorConfig(config))
                .mount(config.path(), server).start();
        server.frontDoor = door;
        server.ownsFrontDoor = true;
        return server;
    }

    /** Mounts this server at its configured path on a running front door (shared with other routes). */
    public EngineServer attach(FrontDoor door) {
        synchronized (this) {
            if (frontDoor != null) {
                throw new IllegalStateException("this Engine.IO server is already attached to " + frontDoor.url("/"));
            }
            door.mount(config.path(), this);
            frontDoor = door;
        }
        return this;
    }

    /** The front-door limits for a server of its own: Engine.IO's request, keep-alive and body limits. */
    static ServerConfig frontDoorConfig(EngineConfig config) {
        ServerConfig defaults = ServerConfig.defaults();
        return defaults.withHandshakeTimeout(config.requestTimeout())
                .withHttp(config.httpLimits())
                .withProtocol(config.webSocketProtocol())
                .withMaxBufferedBytes(config.maxBufferedBytes())
                .withFrontDoor(defaults.frontDoor().withKeepAliveTimeout(config.keepAliveTimeout()));
    }

    /** Answers one request under the mount: polling, or the upgrade to WebSocket. */
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.request().path().equals(config.path())) {
            // Never echo the path (issue 17 item 8).
            exchange.respond(HttpResponse.text(404, "404 Not Found: the Engine.IO endpoint is at " + config.path() + "\n"));
            return;
        }
        if (exchange.request().headers().containsToken("Upgrade", "websocket")) {
            webSockets.serve(exchange);
            return;
        }
        exchange.respond(polling.handle(exchange.request(), exchange.remoteAddress().getAddress()));
    }

    public EngineConfig config() {
        return config;
    }

    public int port() {
        return running().port();
    }

    public InetSocketAddress localAddress() {
        return running().localAddress();
    }

    /** The front door this server is mounted on. */
    public FrontDoor frontDoor() {
        return running();
    }

    private FrontDoor running() {
        FrontDoor door = frontDoor;
        if (door == null) {
            throw new IllegalStateException("this Engine.IO server is not attached to a front door");
        }
        return door;
    }

    /** The open sessions, a snapshot. */
    public List<EngineSession> sessions() {
        return sessions.snapshot();
    }

    /**
     * Closes every session ("server shutting down"); a server with a front door of its own stops
     * it too, an attached one leaves its mount (the shared front door keeps serving the rest).
     */
    public void stop(Duration grace) {
        stopping = true;
        sessions().forEach(session -> session.close("server shutting down"));
        FrontDoor door = frontDoor;
        if (door != null) {
            if (ownsFrontDoor) {
                door.stop(grace);
            } else {
                door.unmount(config.path());
            }
        }
        timers.shutdownNow();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }

    // ---- used by the transports -------------------------------------------------------------

    boolean isStopping() {
        return stopping;
    }

    /** The session named {@code sid}; null if unknown, or if its pong is overdue (it is closed now). */
    EngineSession find(String sid) {
        EngineSession session = sessions.find(sid);
        if (session != null && session.isOpen() && session.closeIfPongOverdue(System.nanoTime())) {
            return null;
        }
        return session;
    }

    EngineCors cors() {
        return cors;
    }

    /** Reserves room for a new session from {@code remote} (null if unknown), or refuses it (503). */
    void admit(InetAddress remote) throws RejectedRequest {
        sessions.admit(remote, System.nanoTime());
    }

    /** Gives back room reserved by {@link #admit} when no session was opened after all. */
    void releaseAdmission() {
        sessions.release();
    }

    /**
     * A new session in room reserved by {@link #admit}; {@code webSocket} is null for one that
     * starts with polling.
     */
    EngineSession open(Session webSocket) {
        String sid = newId();
        EngineSession session = new EngineSession(sid, this, webSocket);
        sessions.add(session);
        session.open(onSession.apply(session));
        return session;
    }

    void remove(EngineSession session) {
        sessions.remove(session);
    }

    /** Runs {@code task} on a fresh virtual thread after {@code delay}. */
    Future<?> schedule(Runnable task, Duration delay) {
        try {
            return timers.schedule(() -> Thread.startVirtualThread(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    /** 120 random bits, URL-safe base64 (20 characters), like the reference server's ids. */
    public static String newId() {
        byte[] bytes = new byte[15];
        IDS.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
