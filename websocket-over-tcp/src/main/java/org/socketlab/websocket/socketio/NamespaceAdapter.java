package org.socketlab.websocket.socketio;

import java.util.Set;

/**
 * What a {@link Namespace} tells other servers (Socket.IO's {@code Adapter}): after a broadcast
 * reached this server's sockets, the adapter forwards it to the other servers, which deliver it
 * to theirs ({@code org.socketlab.websocket.cluster.socketio.RedisAdapter} speaks the official
 * {@code @socket.io/redis-adapter} protocol). {@link #LOCAL} (the default) knows no other server.
 *
 * <p>Implementations are thread-safe; {@link #broadcast} must not block on the network for long.
 */
public interface NamespaceAdapter {

    /** One server alone. */
    NamespaceAdapter LOCAL = (namespace, rooms, except, event, args) -> {
    };

    /**
     * A broadcast of {@code event} with {@code args} to {@code rooms} (every socket when empty)
     * minus {@code except}, already delivered to this server's sockets.
     */
    void broadcast(Namespace namespace, Set<String> rooms, Set<String> except, String event, Object[] args);
}
