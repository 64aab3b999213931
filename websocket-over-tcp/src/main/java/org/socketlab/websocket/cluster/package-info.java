/**
 * Scale-out: several server processes sharing rooms, broadcasts and {@code @connections}
 * through Redis (issue 23). Built on Redis and a well-kept client (Jedis), not a home-made
 * cluster: pub/sub carries events between nodes, keys with a TTL refreshed by heartbeats say
 * which node holds which connection, so a dead node's connections expire by themselves.
 *
 * <ul>
 *   <li>{@link org.socketlab.websocket.cluster.ClusterNode}: one node's Redis connections, its id,
 *       its heartbeat; {@link org.socketlab.websocket.cluster.RedisBus}: binary pub/sub.</li>
 *   <li>{@link org.socketlab.websocket.cluster.ConnectionRegistry}: connection id → node, with TTL.</li>
 *   <li>{@link org.socketlab.websocket.cluster.ClusterConnectionDirectory}: {@code @connections}
 *       for a connection held by another node.</li>
 *   <li>{@link org.socketlab.websocket.cluster.ClusterChatRooms}: chat rooms, presence and
 *       history shared by every node.</li>
 *   <li>{@link org.socketlab.websocket.cluster.SocketIoRedisAdapter}: Socket.IO rooms and broadcasts in
 *       the official {@code @socket.io/redis-adapter} 8.x protocol (msgpack, {@link org.socketlab.websocket.cluster.Msgpack}).</li>
 *   <li>{@link org.socketlab.websocket.cluster.ClusterServer}: a node main; {@link org.socketlab.websocket.cluster.HaProxyConfig}:
 *       the HAProxy configuration in front.</li>
 * </ul>
 *
 * <p>Concurrency: every public class here is thread-safe. Pub/sub messages are delivered on the
 * bus's single subscriber thread, in the order Redis delivers them (one order for every node);
 * listeners must not block on Redis themselves (they may use the pooled commands).
 */
package org.socketlab.websocket.cluster;
