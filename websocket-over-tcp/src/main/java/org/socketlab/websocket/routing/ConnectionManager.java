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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.socketlab.websocket.api.Session;

/**
 * The backend's side of the connections: API Gateway's {@code @connections} management API as
 * Java calls (the HTTP form is {@link ConnectionsApi}). Post a message to any connected client
 * by id, read its status, disconnect it. A connection is listed from its {@code onOpen} until
 * the moment its {@code $disconnect} runs; one that is closing already counts as gone.
 *
 * <p>Sending never blocks the caller: {@link #post} and {@link #broadcast} hand each message to
 * the session's asynchronous send, so one member that reads nothing cannot delay a broadcast to
 * the others, nor the route response of the connection that asked for it. What a member has not
 * yet taken off the wire is counted per connection; a member whose backlog would pass
 * {@code maxPendingBytes} is a slow consumer and is closed with 1013 (Try Again Later, IANA
 * WebSocket close code registry) instead of being queued for without bound.
 *
 * <p>Thread-safe: any thread may call any method.
 */
public final class ConnectionManager {

    private static final Logger LOG = System.getLogger(ConnectionManager.class.getName());

    /** Default backlog per connection: bytes posted and not yet written to its socket. */
    public static final long DEFAULT_MAX_PENDING_BYTES = 1L << 20;
    /** 1013 Try Again Later: the server ends a connection that cannot keep up; it may reconnect. */
    static final int SLOW_CONSUMER_CLOSE_CODE = 1013;

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long maxPendingBytes;
    private final ConnectionDirectory directory;

    ConnectionManager(Clock clock) {
        this(clock, DEFAULT_MAX_PENDING_BYTES);
    }

    ConnectionManager(Clock clock, long maxPendingBytes) {
        this(clock, maxPendingBytes, ConnectionDirectory.NONE);
    }

    ConnectionManager(Clock clock, long maxPendingBytes, ConnectionDirectory directory) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.directory = Objects.requireNonNull(directory, "directory");
        if (maxPendingBytes < 1) {
            throw new IllegalArgumentException("maxPendingBytes must be at least 1, got " + maxPendingBytes);
        }
        this.maxPendingBytes = maxPendingBytes;
    }

    /**
     * One registered connection; {@code lastActiveAt} is written by several threads,
     * {@code pendingBytes} counts what was posted and is not yet written.
     */
    private record Connection(Session session, Instant connectedAt, String sourceIp, String userAgent,
                              AtomicReference<Instant> lastActiveAt, AtomicLong pendingBytes) {
    }

    /**
     * Sends a text message to the connection, held by this process or (with a
     * {@link ConnectionDirectory}) by another one.
     *
     * @return false when no such connection is open (API Gateway answers 410 Gone)
     */
    public boolean post(String connectionId, String text) {
        Objects.requireNonNull(text, "text");
        return send(connectionId, utf8Length(text), session -> session.sendTextAsync(text))
                || !isLocal(connectionId) && directory.post(connectionId, text);
    }

    /** Sends a binary message; false when no such connection is open here or elsewhere. */
    public boolean post(String connectionId, ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        return send(connectionId, data.remaining(), session -> session.sendBinaryAsync(data.duplicate()))
                || !isLocal(connectionId) && directory.post(connectionId, data);
    }

    /**
     * Sends {@code text} to every open connection without waiting for any of them, and to those
     * of the other processes through the {@link ConnectionDirectory}; returns how many of this
     * process's connections it was queued for (a slow consumer closed on the way is not counted).
     */
    public int broadcast(String text) {
        directory.broadcast(Objects.requireNonNull(text, "text"));
        return broadcastHere(text);
    }

    /** {@link #broadcast} to this process's connections only (what a remote broadcast delivers). */
    public int broadcastHere(String text) {
        Objects.requireNonNull(text, "text");
        long size = utf8Length(text);
        int sent = 0;
        for (String id : connections.keySet()) {
            if (send(id, size, session -> session.sendTextAsync(text))) {
                sent++;
            }
        }
        return sent;
    }

    /** The status of an open connection. */
    public Optional<ConnectionInfo> info(String connectionId) {
        Optional<ConnectionInfo> here = open(connectionId).map(c -> new ConnectionInfo(connectionId, c.connectedAt(),
                c.lastActiveAt().get(), c.sourceIp(), c.userAgent()));
        return here.isPresent() || isLocal(connectionId) ? here : directory.info(connectionId);
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
        return connection.isPresent() || !isLocal(connectionId) && directory.disconnect(connectionId);
    }

    /** Whether the connection is registered and open in this process. */
    public boolean isConnected(String connectionId) {
        return open(connectionId).isPresent();
    }

    /** Registered here (open or closing): then no other process holds it either. */
    private boolean isLocal(String connectionId) {
        return connectionId != null && connections.containsKey(connectionId);
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
                new AtomicReference<>(now), new AtomicLong()));
        directory.opened(new ConnectionInfo(connectionId, now, now, sourceIp, userAgent));
    }

    void unregister(String connectionId) {
        if (connections.remove(connectionId) != null) {
            directory.closed(connectionId);
        }
    }

    /** Records activity now (a message in either direction). */
    void touch(String connectionId) {
        Connection connection = connections.get(connectionId);
        if (connection != null) {
            Instant now = now();
            connection.lastActiveAt().set(now);
            directory.active(connectionId, now);
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

    private boolean send(String connectionId, long size, Function<Session, CompletableFuture<Void>> send) {
        Optional<Connection> open = open(connectionId);
        if (open.isEmpty()) {
            return false;
        }
        Connection connection = open.get();
        long pending = connection.pendingBytes().addAndGet(size);
        if (pending > maxPendingBytes && pending > size) { // one message alone is always admitted
            connection.pendingBytes().addAndGet(-size);
            closeSlowConsumer(connectionId, connection, pending - size);
            return false;
        }
        CompletableFuture<Void> written;
        try {
            written = send.apply(connection.session());
        } catch (IllegalStateException closedMeanwhile) {
            connection.pendingBytes().addAndGet(-size);
            LOG.log(Level.DEBUG, "post to {0} failed: {1}", connectionId, closedMeanwhile.getMessage());
            return false;
        }
        written.whenComplete((ignored, error) -> {
            connection.pendingBytes().addAndGet(-size);
            if (error != null) {
                LOG.log(Level.DEBUG, "post to {0} was not delivered: {1}", connectionId, error.toString());
            }
        });
        touch(connectionId);
        return true;
    }

    private void closeSlowConsumer(String connectionId, Connection connection, long pending) {
        LOG.log(Level.WARNING, "connection " + connectionId + " (" + connection.sourceIp() + ") is not reading: "
                + pending + " bytes are still waiting for it, and one more message would pass the limit of "
                + maxPendingBytes + "; closing it with " + SLOW_CONSUMER_CLOSE_CODE + " (slow consumer)");
        connection.session().close(SLOW_CONSUMER_CLOSE_CODE, "too slow: " + pending + " bytes unread");
    }

    /** Bytes of {@code text} in UTF-8, without encoding it (the message is encoded once, by the sender). */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3; // a lone surrogate: at most 3 bytes whatever the encoder substitutes
            }
        }
        return bytes;
    }
}
