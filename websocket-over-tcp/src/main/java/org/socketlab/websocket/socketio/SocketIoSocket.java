package org.socketlab.websocket.socketio;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.socketlab.websocket.socketio.parser.JsonObjectText;
import org.socketlab.websocket.socketio.parser.PacketEncoder;
import org.socketlab.websocket.socketio.parser.PacketType;
import org.socketlab.websocket.socketio.parser.SocketIoPacket;

/**
 * One client in one namespace — the {@code socket} of {@code io.on("connection", socket => ...)}.
 *
 * <p>Thread-safety: every method may be called from any thread. Event listeners of one client
 * connection (all its namespaces) run one at a time, in arrival order, on the thread that read
 * the packet; do not block in them waiting for another event or ack of the same client — use
 * the returned futures' callbacks instead.
 */
public final class SocketIoSocket {

    /** Event names the protocol reserves; {@link #emit} refuses them as the reference does. */
    private static final Set<String> RESERVED = Set.of("connect", "connect_error", "disconnect", "disconnecting",
            "newListener", "removeListener");
    private static final Logger LOG = System.getLogger(SocketIoSocket.class.getName());

    private final String id;
    private final Client client;
    private final Namespace namespace;
    private final JsonObjectText auth;
    private final Map<String, List<EventListener>> listeners = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<List<Object>>> pendingAcks = new ConcurrentHashMap<>();
    private final AtomicLong nextAckId = new AtomicLong();
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicBoolean connected = new AtomicBoolean(true);

    SocketIoSocket(String id, Client client, Namespace namespace, JsonObjectText auth) {
        this.id = id;
        this.client = client;
        this.namespace = namespace;
        this.auth = auth;
    }

    /** This socket's id (sent to the client in the CONNECT reply); also the name of its own room. */
    public String id() {
        return id;
    }

    public Namespace namespace() {
        return namespace;
    }

    /**
     * The auth object the client sent with CONNECT ({@code io(url, {auth: {...}})}); empty if
     * none. Unmodifiable, in the client's key order, numbers exact; emitting it
     * ({@code emit("auth", socket.auth())}) sends the client's JSON back unchanged.
     */
    public Map<String, Object> auth() {
        return auth;
    }

    /** The auth object's JSON text exactly as the client sent it; {@code {}} if none. */
    public String authJson() {
        return auth.json();
    }

    /** The Engine.IO session id of the underlying connection (shared by its namespaces). */
    public String connectionId() {
        return client.engine().id();
    }

    /** "polling" or "websocket". */
    public String transport() {
        return client.engine().transport();
    }

    /** Free-form, thread-safe storage for the application. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    public boolean connected() {
        return connected.get();
    }

    /** Registers a listener for {@code event}; {@code "disconnect"} gets the reason as its one argument. */
    public SocketIoSocket on(String event, EventListener listener) {
        listeners.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(Objects.requireNonNull(listener));
        return this;
    }

    /**
     * Sends an event to this client ({@code byte[]} arguments travel as binary attachments).
     *
     * @return false when the socket is no longer connected (nothing was sent)
     */
    public boolean emit(String event, Object... args) {
        requireEmittable(event);
        return send(eventPacket(namespace.name(), event, args, SocketIoPacket.NO_ACK));
    }

    /**
     * Sends an event and waits for the client's acknowledgement: the future completes with the
     * ack's arguments, or exceptionally with {@link java.util.concurrent.TimeoutException} after
     * {@code timeout}, or {@link IllegalStateException} if the socket disconnects first.
     */
    public CompletableFuture<List<Object>> emitWithAck(String event, Duration timeout, Object... args) {
        requireEmittable(event);
        long ackId = nextAckId.getAndIncrement();
        CompletableFuture<List<Object>> reply = new CompletableFuture<>();
        pendingAcks.put(ackId, reply);
        reply.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((result, error) -> pendingAcks.remove(ackId));
        if (!send(eventPacket(namespace.name(), event, args, ackId))) {
            reply.completeExceptionally(new IllegalStateException("socket " + id + " is disconnected"));
        }
        return reply;
    }

    /** Joins {@code room} in this namespace. */
    public void join(String room) {
        Objects.requireNonNull(room, "room");
        if (connected() && rooms.add(room)) {
            namespace.join(this, room);
        }
    }

    public void leave(String room) {
        if (rooms.remove(room)) {
            namespace.leave(this, room);
        }
    }

    /** The rooms this socket is in, its own id-room included. */
    public Set<String> rooms() {
        return Set.copyOf(rooms);
    }

    /** A broadcast to every other socket of the namespace ({@code socket.broadcast.emit}). */
    public BroadcastOperator broadcast() {
        return namespace.except(id);
    }

    /** A broadcast to {@code room}, leaving this socket out ({@code socket.to(room).emit}). */
    public BroadcastOperator to(String room) {
        return namespace.to(room).except(id);
    }

    /** Leaves the namespace: the client gets DISCONNECT and does not reconnect by itself. */
    public void disconnect() {
        disconnect(false);
    }

    /** Like {@link #disconnect()}; with {@code closeConnection} the whole client connection closes too. */
    public void disconnect(boolean closeConnection) {
        if (connected()) {
            send(new SocketIoPacket(PacketType.DISCONNECT, namespace.name(), SocketIoPacket.NO_ACK, SocketIoPacket.NO_DATA));
            client.remove(this);
            onClose("server namespace disconnect");
        }
        if (closeConnection) {
            client.engine().close();
        }
    }

    /**
     * Drops the underlying connection without a DISCONNECT packet, as if the network failed:
     * the client sees "transport close" and reconnects by itself.
     */
    public void closeTransport() {
        client.engine().close();
    }

    // ---- packets from the client ----------------------------------------------------------

    void onPacket(SocketIoPacket packet) {
        switch (packet.type()) {
            case EVENT, BINARY_EVENT -> onEvent(packet);
            case ACK, BINARY_ACK -> {
                CompletableFuture<List<Object>> reply = pendingAcks.remove(packet.ackId());
                if (reply != null) {
                    reply.complete(new ArrayList<>((List<?>) packet.data()));
                }
            }
            case DISCONNECT -> {
                client.remove(this);
                onClose("client namespace disconnect");
            }
            default -> LOG.log(Level.DEBUG, "{0}: ignoring {1} for a connected namespace", id, packet.type());
        }
    }

    private void onEvent(SocketIoPacket packet) {
        // BEGIN SOLUTION lab=13 task="dispatch an EVENT: data[0] is the name, the rest the arguments; an ack id gets an Ack that answers with an ACK of the same id"
        List<?> data = (List<?>) packet.data();
        String event = (String) data.get(0);
        Ack ack = packet.hasAck() ? new Ack(reply -> send(new SocketIoPacket(PacketType.ACK, namespace.name(),
                packet.ackId(), new ArrayList<>(reply)))) : Ack.none();
        fire(event, new ArrayList<>(data.subList(1, data.size())), ack);
        // END SOLUTION
    }

    private void fire(String event, List<Object> args, Ack ack) {
        for (EventListener listener : listeners.getOrDefault(event, List.of())) {
            try {
                listener.onEvent(new ArrayList<>(args), ack);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener for \"" + event + "\" on " + id + " failed", e);
            }
        }
    }

    /** Called once when the socket leaves its namespace, for whatever reason. */
    void onClose(String reason) {
        if (!connected.compareAndSet(true, false)) {
            return;
        }
        for (String room : rooms()) {
            leave(room);
        }
        namespace.remove(this);
        IllegalStateException gone = new IllegalStateException("socket " + id + " disconnected: " + reason);
        pendingAcks.values().forEach(reply -> reply.completeExceptionally(gone));
        pendingAcks.clear();
        fire("disconnect", List.of(reason), Ack.none());
    }

    // ---- sending --------------------------------------------------------------------------

    boolean send(SocketIoPacket packet) {
        return sendEncoded(PacketEncoder.encode(packet));
    }

    boolean sendEncoded(PacketEncoder.Encoded encoded) {
        return connected() && client.send(encoded);
    }

    static SocketIoPacket eventPacket(String namespace, String event, Object[] args, long ackId) {
        List<Object> data = new ArrayList<>(args.length + 1);
        data.add(Objects.requireNonNull(event, "event"));
        data.addAll(Arrays.asList(args));
        return new SocketIoPacket(PacketType.EVENT, namespace, ackId, data);
    }

    static void requireEmittable(String event) {
        if (RESERVED.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name (Socket.IO v5)");
        }
    }

    @Override
    public String toString() {
        return "SocketIoSocket[" + id + " " + namespace.name() + "]";
    }
}
