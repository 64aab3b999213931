package org.socketlab.websocket.socketio;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A namespace — {@code io.of("/chat")}: its own middlewares, connection listeners, sockets and
 * rooms, over the same client connections as every other namespace (Socket.IO v5 multiplexes
 * them). Thread-safe: register middlewares and listeners before clients connect; everything
 * else may be called from any thread at any time.
 */
public final class Namespace {

    private static final Logger LOG = System.getLogger(Namespace.class.getName());

    private final String name;
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<SocketIoSocket>> connectionListeners = new CopyOnWriteArrayList<>();
    private final Map<String, SocketIoSocket> sockets = new ConcurrentHashMap<>();
    private final Map<String, Set<SocketIoSocket>> rooms = new ConcurrentHashMap<>();
    private volatile NamespaceAdapter adapter = NamespaceAdapter.LOCAL;

    Namespace(String name) {
        this.name = name;
    }

    /** {@code "/"} or e.g. {@code "/chat"}. */
    public String name() {
        return name;
    }

    /** Adds a middleware; each connecting client passes all of them, in order, or is refused. */
    public Namespace use(Middleware middleware) {
        middlewares.add(Objects.requireNonNull(middleware, "middleware"));
        return this;
    }

    /** {@code on("connection", socket -> ...)}: called for each client that joined (after its CONNECT reply). */
    public Namespace on(String event, Consumer<SocketIoSocket> listener) {
        if (!event.equals("connection") && !event.equals("connect")) {
            throw new IllegalArgumentException("a namespace emits \"connection\" only, got \"" + event + "\"");
        }
        connectionListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** The connected sockets, a snapshot. */
    public Collection<SocketIoSocket> sockets() {
        return List.copyOf(sockets.values());
    }

    public SocketIoSocket socket(String id) {
        return sockets.get(id);
    }

    /** A broadcast to the sockets in {@code room}. */
    public BroadcastOperator to(String room) {
        return new BroadcastOperator(this, Set.of(room), Set.of(), false);
    }

    /** Same as {@link #to}. */
    public BroadcastOperator in(String room) {
        return to(room);
    }

    public BroadcastOperator except(String room) {
        return new BroadcastOperator(this, Set.of(), Set.of(room), false);
    }

    /** Emits to every socket of the namespace. */
    public int emit(String event, Object... args) {
        return new BroadcastOperator(this, Set.of(), Set.of(), false).emit(event, args);
    }

    /**
     * Forwards this namespace's broadcasts to other servers through {@code adapter} (scale-out);
     * {@link NamespaceAdapter#LOCAL} by default.
     */
    public Namespace adapter(NamespaceAdapter newAdapter) {
        this.adapter = Objects.requireNonNull(newAdapter, "adapter");
        return this;
    }

    public NamespaceAdapter adapter() {
        return adapter;
    }

    /** A broadcast to this server's sockets only (Socket.IO's {@code .local}): what an adapter delivers. */
    public BroadcastOperator local() {
        return new BroadcastOperator(this, Set.of(), Set.of(), true);
    }

    /** The room names that have members now. */
    public Set<String> rooms() {
        return Set.copyOf(rooms.keySet());
    }

    // ---- used by SocketIoSocket and Client -----------------------------------------------

    void runMiddlewares(SocketIoSocket socket) throws ConnectErrorException {
        for (Middleware middleware : middlewares) {
            middleware.check(socket);
        }
    }

    void add(SocketIoSocket socket) {
        sockets.put(socket.id(), socket);
    }

    void fireConnection(SocketIoSocket socket) {
        for (Consumer<SocketIoSocket> listener : connectionListeners) {
            try {
                listener.accept(socket);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "connection listener of " + name + " failed for " + socket.id(), e);
            }
        }
    }

    void remove(SocketIoSocket socket) {
        sockets.remove(socket.id(), socket);
    }

    void join(SocketIoSocket socket, String room) {
        rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    void leave(SocketIoSocket socket, String room) {
        rooms.computeIfPresent(room, (r, members) -> {
            members.remove(socket);
            return members.isEmpty() ? null : members;
        });
    }

    Set<SocketIoSocket> membersOf(Set<String> roomNames) {
        Set<SocketIoSocket> members = new HashSet<>();
        for (String room : roomNames) {
            Set<SocketIoSocket> inRoom = rooms.get(room);
            if (inRoom != null) {
                members.addAll(inRoom);
            }
        }
        return members;
    }
}
