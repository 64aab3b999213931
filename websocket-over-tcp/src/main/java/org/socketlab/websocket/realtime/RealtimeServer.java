package org.socketlab.websocket.realtime;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.socketlab.tcp.ConcurrencyStrategy;
import org.socketlab.tcp.TcpServer;
import org.socketlab.websocket.api.Session;

/**
 * One stock-price feed served five ways at once, hand-written on {@link TcpServer} and the
 * {@code http} package:
 *
 * <pre>
 *   GET /poll?since=ID        polling: answers at once, often with []
 *   GET /long-poll?since=ID   long polling: held until an event arrives or the timeout passes
 *   GET /stream               HTTP streaming: chunked transfer coding, one NDJSON line per event
 *   GET /sse                  server-sent events: text/event-stream, Last-Event-ID resumption
 *   GET /ws                   WebSocket upgrade (RFC 6455) on the same port
 *   GET /                     a small index page with a browser demo
 * </pre>
 *
 * <p>Each connection gets a virtual thread running {@link RealtimeConnection}'s request loop.
 * Every byte is counted at the socket per technique ({@link #stats(Technique)}).
 *
 * <p>Thread-safe; {@link #close()} may be called from any thread.
 */
public final class RealtimeServer implements AutoCloseable {

    private static final Logger LOG = System.getLogger(RealtimeServer.class.getName());

    private final RealtimeConfig config;
    private final Ticker ticker;
    private final Map<Technique, TrafficStats> stats = new EnumMap<>(Technique.class);
    private final TrafficStats otherStats = new TrafficStats();
    private final Set<Session> webSocketSessions = ConcurrentHashMap.newKeySet();
    private final Set<java.net.Socket> idleConnections = ConcurrentHashMap.newKeySet();
    private final TcpServer tcpServer;
    private final Thread tickThread;
    private volatile boolean stopping;
    private volatile long streamGeneration;

    private RealtimeServer(InetAddress host, int port, RealtimeConfig config) throws IOException {
        this.config = config;
        this.ticker = new Ticker(config.symbols(), config.seed(), System::nanoTime, config.historyCapacity());
        for (Technique technique : Technique.values()) {
            stats.put(technique, new TrafficStats());
        }
        this.tcpServer = TcpServer.builder()
                .host(host)
                .port(port)
                .backlog(512)
                .strategy(ConcurrencyStrategy.virtualThreads())
                .handler(socket -> new RealtimeConnection(this, new MeteredSocket(socket)).serve())
                .start();
        this.tickThread = config.tickInterval().isZero() ? null
                : Thread.ofPlatform().daemon(true).name("ticker-" + port()).start(this::tickLoop);
        LOG.log(Level.INFO, "realtime server on {0}", baseUri());
    }

    /** Starts a server with {@code config} on loopback, port {@code port} (0 = any free port). */
    public static RealtimeServer start(int port, RealtimeConfig config) throws IOException {
        return new RealtimeServer(InetAddress.getLoopbackAddress(), port, config);
    }

    public static RealtimeServer start(InetAddress host, int port, RealtimeConfig config) throws IOException {
        return new RealtimeServer(Objects.requireNonNull(host, "host"), port, config);
    }

    /** Publishes on a fixed schedule; the schedule is measured from the start, so it does not drift. */
    private void tickLoop() {
        long interval = config.tickInterval().toNanos();
        long next = System.nanoTime() + interval;
        while (!stopping) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            ticker.publish();
            next += interval;
        }
    }

    public Ticker ticker() {
        return ticker;
    }

    public RealtimeConfig config() {
        return config;
    }

    public int port() {
        return tcpServer.port();
    }

    public InetSocketAddress localAddress() {
        return tcpServer.localAddress();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUri() {
        InetSocketAddress address = localAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Bytes, requests and events counted at the socket for {@code technique}. */
    public TrafficStats stats(Technique technique) {
        return stats.get(technique);
    }

    /** Traffic that matched no technique: the index page, 400, 404, 431 … */
    public TrafficStats otherStats() {
        return otherStats;
    }

    /** TCP connections accepted since start (each costs a handshake the byte counters cannot see). */
    public long acceptedConnections() {
        return tcpServer.acceptedConnections();
    }

    public int activeConnections() {
        return tcpServer.activeConnections();
    }

    /** Open streams, SSE and WebSocket connections and waiting long polls. */
    public int subscriberCount() {
        return ticker.subscriberCount();
    }

    /**
     * Waits until {@link #subscriberCount()} equals {@code expected} (e.g. 0 after clients left).
     *
     * @return whether it did within {@code timeout}
     */
    public boolean awaitSubscribers(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ticker.subscriberCount() != expected) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /**
     * Cuts every open stream and SSE connection without ending its body, as a network failure
     * would: SSE clients then reconnect with Last-Event-ID (used by tests and the lab).
     */
    public synchronized void disconnectStreams() {
        streamGeneration++;
    }

    long streamGeneration() {
        return streamGeneration;
    }

    boolean isStopping() {
        return stopping;
    }

    /** The connection waits for its next request: a stopping server may close it at once (RFC 9112 §9.8). */
    void idle(java.net.Socket socket, boolean idle) {
        if (idle) {
            idleConnections.add(socket);
            if (stopping) {
                closeQuietly(socket);
            }
        } else {
            idleConnections.remove(socket);
        }
    }

    private static void closeQuietly(java.net.Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Best effort: the peer may be gone already.
        }
    }

    void register(Session session) {
        webSocketSessions.add(session);
    }

    void unregister(Session session) {
        webSocketSessions.remove(session);
    }

    /** Stops publishing, ends streams (last chunk), closes WebSockets with 1001 and the listener. */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (tickThread != null) {
            LockSupport.unpark(tickThread);
        }
        idleConnections.forEach(RealtimeServer::closeQuietly);
        for (Session session : webSocketSessions) {
            session.close(1001, "server shutting down");
        }
        tcpServer.stop(Duration.ofSeconds(1));
    }
}
