package org.socketlab.labs.scaleout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.socketlab.websocket.cluster.ClusterServer;
import org.socketlab.websocket.cluster.HaProxyConfig;
import org.socketlab.websocket.process.ChildProcess;
import redis.clients.jedis.Jedis;

/**
 * Redis, N node processes and HAProxy on loopback, started by one call:
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(3, Duration.ofSeconds(3))) {
 *     cluster.frontUrl();          // http://127.0.0.1:<haproxy>/
 *     cluster.kill("node2");       // SIGKILL
 * }
 * }</pre>
 * Ports are found by binding port 0 and releasing it (redis-server cannot report a port 0 bind).
 * Thread-safe; close() stops every process it started.
 */
public final class LocalCluster implements AutoCloseable {

    public static final String REDIS_SERVER = "/usr/bin/redis-server";
    public static final String REDIS_CLI = "/usr/bin/redis-cli";
    public static final String HAPROXY = "/usr/sbin/haproxy";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final List<ChildProcess> processes = new CopyOnWriteArrayList<>();
    private final Map<String, ChildProcess> nodes = new LinkedHashMap<>();
    private final Map<String, Integer> nodePorts = new LinkedHashMap<>();
    private int redisPort;
    private int frontPort;
    private int statsPort;

    private LocalCluster() {
    }

    /** What is missing to run a cluster here, with the command that installs it; empty when all is there. */
    public static Optional<String> missingTools() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(REDIS_SERVER))) {
            missing.add("redis-server (apt-get install -y redis-server)");
        }
        if (!Files.isExecutable(Path.of(HAPROXY))) {
            missing.add("haproxy (apt-get install -y haproxy)");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", missing));
    }

    /** Starts Redis, {@code nodeCount} nodes (entries live {@code ttl} without a heartbeat) and HAProxy. */
    public static LocalCluster start(int nodeCount, Duration ttl) throws IOException, InterruptedException {
        LocalCluster cluster = new LocalCluster();
        try {
            cluster.startRedis();
            cluster.frontPort = freePort();
            cluster.statsPort = freePort();
            for (String name : HaProxyConfig.nodeNames(nodeCount)) {
                cluster.startNode(name, ttl);
            }
            for (ChildProcess node : cluster.nodes.values()) {
                node.awaitLine(line -> line.startsWith("listening on"), START_TIMEOUT);
            }
            cluster.startHaProxy();
            return cluster;
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    /** Only Redis (for graders that run nodes in this JVM). */
    public static LocalCluster redisOnly() throws IOException, InterruptedException {
        LocalCluster cluster = new LocalCluster();
        try {
            cluster.startRedis();
            return cluster;
        } catch (IOException | RuntimeException | InterruptedException e) {
            cluster.close();
            throw e;
        }
    }

    private void startRedis() throws IOException, InterruptedException {
        redisPort = freePort();
        processes.add(ChildProcess.start("redis-server", List.of(REDIS_SERVER, "--port", Integer.toString(redisPort),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning")));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = new Jedis("127.0.0.1", redisPort)) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(20); // bounded polling of an outside process
            }
        }
        throw new IOException("redis-server did not answer PING on 127.0.0.1:" + redisPort);
    }

    private void startNode(String name, Duration ttl) throws IOException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        ChildProcess node = ChildProcess.start(name, List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ClusterServer.class.getName(), "--port", Integer.toString(port), "--redis-port", Integer.toString(redisPort),
                "--node-id", name, "--ttl-ms", Long.toString(ttl.toMillis()), "--chat-rate", "100",
                "--allowed-origin", "http://127.0.0.1:" + frontPort + ",http://localhost:" + frontPort));
        processes.add(node);
        nodes.put(name, node);
        nodePorts.put(name, port);
    }

    private void startHaProxy() throws IOException, InterruptedException {
        Path config = Files.createTempFile("socketlab-lab17-haproxy", ".cfg");
        config.toFile().deleteOnExit();
        Files.writeString(config, HaProxyConfig.render(frontPort, statsPort, nodePorts));
        ChildProcess haproxy = ChildProcess.start("haproxy", List.of(HAPROXY, "-f", config.toString(), "-db"));
        processes.add(haproxy);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), frontPort), 300);
                return;
            } catch (IOException notYet) {
                if (!haproxy.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
        }
        throw new IOException("haproxy did not listen on 127.0.0.1:" + frontPort + " (config " + config + ")");
    }

    /** {@code redis-cli -p <port> monitor}: every command Redis runs, echoed through {@code printer}. */
    public ChildProcess monitor(java.util.function.Consumer<String> printer) throws IOException, InterruptedException {
        ChildProcess monitor = ChildProcess.start("redis-cli monitor", List.of(REDIS_CLI, "-p", Integer.toString(redisPort), "monitor"));
        processes.add(monitor);
        monitor.awaitLine("OK"::equals, Duration.ofSeconds(10));
        monitor.echoTo(printer);
        return monitor;
    }

    /** SIGKILL one node. */
    public void kill(String nodeName) throws InterruptedException {
        ChildProcess node = nodes.get(nodeName);
        if (node == null) {
            throw new IllegalArgumentException("no node \"" + nodeName + "\"; the nodes are " + nodes.keySet());
        }
        node.kill();
    }

    public int redisPort() {
        return redisPort;
    }

    public int frontPort() {
        return frontPort;
    }

    public String frontUrl() {
        return "http://127.0.0.1:" + frontPort + "/";
    }

    public String statsUrl() {
        return "http://127.0.0.1:" + statsPort + "/";
    }

    /** Node name → its own port (bypassing HAProxy). */
    public Map<String, Integer> nodePorts() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodePorts));
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
