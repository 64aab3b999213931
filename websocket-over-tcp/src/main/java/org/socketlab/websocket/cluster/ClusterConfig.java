package org.socketlab.websocket.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Where Redis is and how long a node's claims live.
 *
 * @param redisHost         Redis host, e.g. {@code 127.0.0.1}
 * @param redisPort         Redis port
 * @param nodeId            this node's name in keys and channels (unique in the cluster)
 * @param ttl               how long a connection or member entry lives without a heartbeat;
 *                          a dead node's entries are gone this long after its last heartbeat
 * @param heartbeatInterval how often a live node refreshes its entries (at most a third of {@code ttl})
 * @param keyPrefix         prefix of every key and channel this library uses, e.g. {@code socketlab:}
 */
public record ClusterConfig(String redisHost, int redisPort, String nodeId, Duration ttl, Duration heartbeatInterval,
                            String keyPrefix) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(3);

    public ClusterConfig {
        Objects.requireNonNull(redisHost, "redisHost");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (redisPort < 1 || redisPort > 65535) {
            throw new IllegalArgumentException("redisPort must be 1..65535, got " + redisPort);
        }
        if (!nodeId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("nodeId must be 1-64 of [A-Za-z0-9._-], got \"" + nodeId + "\"");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()
                || heartbeatInterval.multipliedBy(3).compareTo(ttl) > 0) {
            throw new IllegalArgumentException("heartbeatInterval must be positive and at most ttl/3 so that one lost "
                    + "heartbeat does not expire live entries; got " + heartbeatInterval + " for ttl " + ttl);
        }
    }

    /** Defaults: a random node id, 10 s TTL, a heartbeat every 3 s, prefix {@code socketlab:}. */
    public static ClusterConfig of(String redisHost, int redisPort) {
        return new ClusterConfig(redisHost, redisPort, "node-" + UUID.randomUUID().toString().substring(0, 8),
                DEFAULT_TTL, DEFAULT_HEARTBEAT, "socketlab:");
    }

    public ClusterConfig withNodeId(String id) {
        return new ClusterConfig(redisHost, redisPort, id, ttl, heartbeatInterval, keyPrefix);
    }

    public ClusterConfig withTtl(Duration newTtl, Duration newHeartbeat) {
        return new ClusterConfig(redisHost, redisPort, nodeId, newTtl, newHeartbeat, keyPrefix);
    }

    /** {@code prefix + name}. */
    public String key(String name) {
        return keyPrefix + name;
    }
}
