package org.socketlab.websocket.testing;

import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.socketlab.websocket.cluster.ClusterConfig;

/**
 * One {@link RedisServer} for a test class, started before its first test and killed after its
 * last, plus the cluster configuration the cluster tests use:
 *
 * <pre>
 *   {@literal @}RegisterExtension
 *   static final RedisFixture REDIS = new RedisFixture();
 *   ... ClusterNode.connect(REDIS.config("node-a")) ...
 * </pre>
 *
 * Missing redis-server → the class is skipped locally, fails in CI (see {@link RedisServer#start()}).
 */
public final class RedisFixture implements BeforeAllCallback, AfterAllCallback {

    /** Short TTL and heartbeat so that a node's expiry is observable within a test. */
    public static final Duration TTL = Duration.ofMillis(900);
    public static final Duration HEARTBEAT = Duration.ofMillis(300);

    private RedisServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server; only between the class's first and last test. */
    public RedisServer server() {
        if (server == null) {
            throw new IllegalStateException("the Redis fixture is not running: register it with @RegisterExtension on a static field");
        }
        return server;
    }

    /** A cluster configuration for node {@code nodeId} on this server, with {@link #TTL} and {@link #HEARTBEAT}. */
    public ClusterConfig config(String nodeId) {
        return ClusterConfig.of(server().host(), server().port()).withNodeId(nodeId).withTtl(TTL, HEARTBEAT);
    }
}
