package org.socketlab.websocket.routing;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.socketlab.websocket.api.Session;

/**
 * The backend's side of the connections: API Gateway's {@code @connections} management API as
 * Java calls (the HTTP form is {@link ConnectionsApi}). Post a message to any connected client
 * by id, read its status, disconnect it. A connection is listed from its {@code onOpen} until
 * the moment its {@code $disconnect} runs; one that is closing already counts as gone.
 *
 * <p>Thread-safe: any thread may call any method. {@link #post} blocks while the connection's
 * outbound queue is full (backpressure, up to the server's {@code sendTimeout}).
 */
public final class ConnectionManager {

    private static final Logger LOG = System.getLogger(ConnectionManager.class.getName());

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Clock clock;

    ConnectionManager(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One registered connection; {@code lastActiveAt} is written by several threads. */
    private record Connection(Session session, Instant connectedAt, String sourceIp, String userAgent,
                              AtomicReference<Instant> lastActiveAt) {
    }

    /**
     * Sends a text message to the connection.
     *
     * @return false when no such connection is open (API Gateway answers 410 Gone)
     */
    public boolean post(String connectionId, String text) {
        Objects.requireNonNull(text, "text");
        return send(connectionId, session -> session.sendText(text));
    }

    /** Sends a binary message; false when no such connection is open. */
    public boolean post(String connectionId, ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        return send(connectionId, session -> session.sendBinary(data.duplicate()));
    }

    /** Sends {@code text} to every open connection; returns how many it was queued for. */
    public int broadcast(String text) {
        int sent = 0;
        for (String id : connections.keySet()) {
            if (post(id, text)) {
                sent++;
            }
        }
        return sent;
    }

    /** The status of an open connection. */
    public Optional<ConnectionInfo> info(String connectionId) {
        return open(connectionId).map(c -> new ConnectionInfo(connectionId, c.connectedAt(), c.lastActiveAt().get(),
                c.sourceIp(), c.userAgent()));
    }

    /**
     * Starts the closing handshake with 1000 (RFC 6455 §7.1.2); {@code $disconnect} follows when
     * it completes (or when the close timeout cuts it).
     *
     * @return false when no such connection is open
     */
    public boolean disconnect(String connectionId) {
        Optional<Connection> connection = open(connectionId);
        connection.ifPresent(c -> c.session().close(1000, "disconnected by the server"));
        return connection.isPresent();
    }

    /** Whether the connection is registered and open. */
    public boolean isConnected(String connectionId) {
        return open(connectionId).isPresent();
    }

    /** The ids of the open connections, a snapshot. */
    public Set<String> connectionIds() {
        return Set.copyOf(connections.keySet());
    }

    public int size() {
        return connections.size();
    }

    // ---- used by RoutingHandler ----------------------------------------------------------

    void register(String connectionId, Session session, String userAgent) {
        Instant now = now();
        String sourceIp = session.remoteAddress() == null ? "" : session.remoteAddress().getAddress().getHostAddress();
        connections.put(connectionId, new Connection(session, now, sourceIp, userAgent,
                new AtomicReference<>(now)));
    }

    void unregister(String connectionId) {
        connections.remove(connectionId);
    }

    /** Records activity now (a message in either direction). */
    void touch(String connectionId) {
        Connection connection = connections.get(connectionId);
        if (connection != null) {
            connection.lastActiveAt().set(now());
        }
    }

    /** API Gateway reports milliseconds; so do we. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Optional<Connection> open(String connectionId) {
        Connection connection = connectionId == null ? null : connections.get(connectionId);
        return connection != null && connection.session().isOpen() ? Optional.of(connection) : Optional.empty();
    }

    private boolean send(String connectionId, Consumer<Session> send) {
        Optional<Connection> connection = open(connectionId);
        if (connection.isEmpty()) {
            return false;
        }
        try {
            send.accept(connection.get().session());
        } catch (IllegalStateException closedMeanwhile) {
            LOG.log(Level.DEBUG, "post to {0} failed: {1}", connectionId, closedMeanwhile.getMessage());
            return false;
        }
        touch(connectionId);
        return true;
    }
}
