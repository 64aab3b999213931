package org.socketlab.websocket.cluster;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.Pipeline;

/**
 * Which node holds which connection: a Redis hash {@code conn:<id>} per connection with the
 * owner's node id and the connection's details, expiring after {@link ClusterConfig#ttl()}
 * unless its owner's heartbeat refreshes it. A node that dies stops refreshing, so its
 * connections disappear from the registry one TTL later — the "gone everywhere" of 410.
 *
 * <p>Thread-safe.
 */
public final class ConnectionRegistry {

    /** Where a connection lives and what was recorded about it. */
    public record Entry(String connectionId, String nodeId, Map<String, String> fields) {
    }

    private final ClusterNode node;
    private final Map<String, Map<String, String>> local = new ConcurrentHashMap<>();

    public ConnectionRegistry(ClusterNode node) {
        this.node = Objects.requireNonNull(node, "node");
        node.onHeartbeat(this::refresh);
    }

    /** Records that this node holds {@code connectionId}; {@code fields} are details for readers. */
    public void register(String connectionId, Map<String, String> fields) {
        Map<String, String> stored = new ConcurrentHashMap<>(fields);
        stored.put("node", node.nodeId());
        local.put(connectionId, stored);
        String key = key(connectionId);
        try (Pipeline pipeline = node.redis().pipelined()) {
            pipeline.hset(key, stored);
            pipeline.pexpire(key, node.config().ttl().toMillis());
        }
    }

    /** Updates one field (e.g. last activity) locally; written to Redis with the next heartbeat. */
    public void update(String connectionId, String field, String value) {
        Map<String, String> fields = local.get(connectionId);
        if (fields != null) {
            fields.put(field, value);
        }
    }

    public void unregister(String connectionId) {
        if (local.remove(connectionId) != null) {
            try {
                node.redis().del(key(connectionId));
            } catch (RuntimeException redisUnreachable) {
                // Nothing to undo: without heartbeats the entry expires after the TTL anyway.
            }
        }
    }

    /** The connection's entry, wherever it lives; empty once its owner removed it or stopped beating. */
    public Optional<Entry> locate(String connectionId) {
        Map<String, String> fields = node.redis().hgetAll(key(connectionId));
        if (fields == null || fields.isEmpty() || !fields.containsKey("node")) {
            return Optional.empty();
        }
        return Optional.of(new Entry(connectionId, fields.get("node"), Map.copyOf(fields)));
    }

    /** Forgets a stale entry (its node no longer answers). */
    public void forget(String connectionId) {
        node.redis().del(key(connectionId));
    }

    public int localCount() {
        return local.size();
    }

    private void refresh() {
        if (local.isEmpty()) {
            return;
        }
        long ttl = node.config().ttl().toMillis();
        try (Pipeline pipeline = node.redis().pipelined()) {
            local.forEach((id, fields) -> {
                pipeline.hset(key(id), fields);
                pipeline.pexpire(key(id), ttl);
            });
        }
    }

    private String key(String connectionId) {
        return node.config().key("conn:" + connectionId);
    }
}
