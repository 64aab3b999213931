package org.socketlab.websocket.cluster;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.JedisPooled;

/**
 * One server process's membership in the cluster: a pool of Redis connections for commands,
 * a {@link RedisBus} for pub/sub, its node id, and a heartbeat that refreshes every entry this
 * node owns (its liveness key {@code nodes:<id>}, its connections, its room members) every
 * {@link ClusterConfig#heartbeatInterval()}. When the process dies the heartbeats stop and its
 * entries expire after {@link ClusterConfig#ttl()}: nothing has to clean up after a crash.
 *
 * <pre>{@code
 * try (ClusterNode node = ClusterNode.connect(ClusterConfig.of("127.0.0.1", 6379))) { ... }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger LOG = System.getLogger(ClusterNode.class.getName());

    private final ClusterConfig config;
    private final JedisPooled commands;
    private final RedisBus bus;
    private final ScheduledExecutorService heartbeat;
    private final List<Runnable> heartbeatTasks = new CopyOnWriteArrayList<>();

    private ClusterNode(ClusterConfig config) throws InterruptedException {
        this.config = config;
        this.commands = new JedisPooled(config.redisHost(), config.redisPort());
        commands.ping(); // fail now, with the client's message, when Redis is not there
        this.bus = new RedisBus(config.redisHost(), config.redisPort(), commands, config.key("node:" + config.nodeId()));
        bus.awaitStarted(10_000);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable ->
                Thread.ofPlatform().daemon().name("cluster-heartbeat-" + config.nodeId()).unstarted(runnable));
        onHeartbeat(this::announceAlive);
        announceAlive();
        long period = config.heartbeatInterval().toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    /** Connects to Redis and starts the heartbeat; fails when Redis does not answer. */
    public static ClusterNode connect(ClusterConfig config) throws InterruptedException {
        return new ClusterNode(Objects.requireNonNull(config, "config"));
    }

    public ClusterConfig config() {
        return config;
    }

    public String nodeId() {
        return config.nodeId();
    }

    /** Pooled Redis commands (each call borrows a connection). */
    public JedisPooled redis() {
        return commands;
    }

    public RedisBus bus() {
        return bus;
    }

    /** Runs {@code task} on every heartbeat, on the heartbeat thread. */
    public void onHeartbeat(Runnable task) {
        heartbeatTasks.add(Objects.requireNonNull(task, "task"));
    }

    /** Runs every heartbeat task now (tests use it instead of waiting for the period). */
    public void beat() {
        for (Runnable task : heartbeatTasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // Redis briefly unreachable: the next beat tries again, entries live for ttl meanwhile.
                LOG.log(Level.WARNING, "heartbeat of " + config.nodeId() + " failed: " + e);
            }
        }
    }

    /** Whether node {@code nodeId} sent a heartbeat within the TTL. */
    public boolean isAlive(String nodeId) {
        return commands.exists(config.key("nodes:" + nodeId));
    }

    private void announceAlive() {
        commands.psetex(config.key("nodes:" + config.nodeId()), config.ttl().toMillis(), Long.toString(System.currentTimeMillis()));
    }

    /** Stops the heartbeat and the subscriber, and removes this node's liveness key (a clean leave). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            commands.del(config.key("nodes:" + config.nodeId()));
        } catch (RuntimeException redisGone) {
            // it expires by itself
        }
        bus.close();
        commands.close();
    }
}
