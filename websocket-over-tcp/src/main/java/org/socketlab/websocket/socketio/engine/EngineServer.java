package org.socketlab.websocket.socketio.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.socketlab.tcp.ConcurrencyStrategy;
import org.socketlab.tcp.TcpServer;
import org.socketlab.websocket.api.Session;

/**
 * An Engine.IO v4 server on {@link TcpServer}: HTTP long-polling and WebSocket on one path,
 * sessions by sid, the timers. The layer above supplies a {@link EngineSession.Listener} for
 * every new session.
 *
 * <p>Thread-safety: all methods are safe from any thread. Each TCP connection is served by its
 * own virtual thread; timers run on one scheduler thread that starts a virtual thread per task,
 * so a slow listener never delays another session's heartbeat.
 */
public final class EngineServer implements AutoCloseable {

    private static final SecureRandom IDS = new SecureRandom();

    private final EngineConfig config;
    private final Function<EngineSession, EngineSession.Listener> onSession;
    private final SessionRegistry sessions;
    private final EngineCors cors;
    private final ScheduledExecutorService timers;
    private final TcpServer tcpServer;
    /** Keep-alive connections waiting for their next request: closed at once on stop. */
    private final Set<Socket> idleConnections = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    private EngineServer(InetAddress host, int port, EngineConfig config,
                         Function<EngineSession, EngineSession.Listener> onSession) throws IOException {
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
        this.tcpServer = TcpServer.builder()
                .host(host)
                .port(port)
                .strategy(ConcurrencyStrategy.virtualThreads())
                .handler(new EngineHttpHandler(this))
                .start();
    }

    /**
     * Binds and starts serving.
     *
     * @param onSession called for every new session, before its open packet is sent; returns
     *                  the listener for that session's messages and close
     */
    public static EngineServer start(InetAddress host, int port, EngineConfig config,
                                     Function<EngineSession, EngineSession.Listener> onSession) throws IOException {
        return new EngineServer(host, port, config, onSession);
    }

    public EngineConfig config() {
        return config;
    }

    public int port() {
        return tcpServer.port();
    }

    public InetSocketAddress localAddress() {
        return tcpServer.localAddress();
    }

    /** The open sessions, a snapshot. */
    public List<EngineSession> sessions() {
        return sessions.snapshot();
    }

    /** Closes every session ("server shutting down"), then stops accepting and closes connections. */
    public void stop(Duration grace) {
        stopping = true;
        sessions().forEach(session -> session.close("server shutting down"));
        for (Socket idle : idleConnections) {
            try {
                idle.close(); // wakes its reader, which sees end of stream
            } catch (IOException ignored) {
                // Closing is best effort.
            }
        }
        tcpServer.stop(grace);
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

    /** Marks a keep-alive connection as waiting for a request (true) or serving one (false). */
    void idle(Socket connection, boolean waiting) {
        if (waiting) {
            idleConnections.add(connection);
            if (stopping) {
                idleConnections.remove(connection);
                try {
                    connection.close();
                } catch (IOException ignored) {
                    // Closing is best effort.
                }
            }
        } else {
            idleConnections.remove(connection);
        }
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
