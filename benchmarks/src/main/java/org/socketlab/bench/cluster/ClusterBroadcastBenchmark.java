package org.socketlab.bench.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.socketlab.tcp.cli.Cli;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.chat.ChatLimits;
import org.socketlab.websocket.chat.ChatServer;
import org.socketlab.websocket.cluster.ClusterConfig;
import org.socketlab.websocket.cluster.ClusterServer;
import org.socketlab.websocket.client.WebSocketClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.Jedis;

/**
 * Broadcast messages per second in one chat room: 1 process without Redis, 1 node with Redis, 3
 * nodes with Redis (receivers spread evenly), in one run. One sender posts {@code --messages}
 * messages as fast as it can; the time runs until every receiver has all of them.
 *
 * <pre>
 * mvn -q compile exec:exec -pl benchmarks -am -Dsuite=cluster -Dexec.skip=false \
 *     -Dmain=org.socketlab.bench.cluster.ClusterBroadcastBenchmark -Dargs="--receivers 30 --messages 2000"
 * </pre>
 */
public final class ClusterBroadcastBenchmark {

    private static final String REDIS_SERVER = "/usr/bin/redis-server";
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private ClusterBroadcastBenchmark() {
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "ClusterBroadcastBenchmark", mixinStandardHelpOptions = true,
            description = "Broadcast msgs/s in one chat room: 1 process, 1 node + Redis, 3 nodes + Redis.")
    static final class Options implements Cli.Validated {
        @Option(names = "--receivers", description = "room members receiving (default: ${DEFAULT-VALUE})")
        int receivers = 30;
        @Option(names = "--messages", description = "messages the sender posts (default: ${DEFAULT-VALUE})")
        int messages = 2000;

        @Override
        public void validate() {
            Cli.requireRange("--receivers", receivers, 1, 10_000);
            Cli.requireRange("--messages", messages, 1, 10_000_000);
        }
    }

    /** One measured configuration. */
    record Result(String setup, int messages, int receivers, double seconds) {
        String row() {
            return String.format("| %-22s | %8d | %9d | %7.2f | %10.0f | %14.0f |", setup, messages, receivers, seconds,
                    messages / seconds, (double) messages * receivers / seconds);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        if (!Files.isExecutable(Path.of(REDIS_SERVER))) {
            System.err.println("redis-server is missing: apt-get install -y redis-server");
            System.exit(Cli.EXIT_FAILED);
        }
        ChatLimits limits = ChatLimits.defaults().withRate(options.messages + 10, Duration.ofNanos(1));
        List<Result> results = new ArrayList<>();
        try (ChatServer local = ChatServer.builder().limits(limits).start()) {
            results.add(measure("1 process, no Redis", List.of(local.port()), options));
        }
        int redisPort = freePort();
        Process redis = new ProcessBuilder(REDIS_SERVER, "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitRedis(redisPort);
            for (int nodes : new int[] {1, 3}) {
                List<ClusterServer> servers = new ArrayList<>();
                try {
                    for (int i = 1; i <= nodes; i++) {
                        servers.add(ClusterServer.start(ClusterConfig.of("127.0.0.1", redisPort).withNodeId("bench" + nodes + "-" + i),
                                "127.0.0.1", 0, "socketlab-cluster-key", List.of(), limits));
                    }
                    results.add(measure(nodes + (nodes == 1 ? " node" : " nodes") + " + Redis",
                            servers.stream().map(ClusterServer::port).toList(), options));
                } finally {
                    servers.forEach(ClusterServer::close);
                }
            }
        } finally {
            redis.destroy();
        }
        System.out.printf("load average now: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("| setup                  | messages | receivers | seconds |  messages/s | deliveries/s |");
        System.out.println("|------------------------|----------|-----------|---------|-------------|--------------|");
        results.forEach(result -> System.out.println(result.row()));
    }

    private static Result measure(String setup, List<Integer> ports, Options options) throws Exception {
        CountDownLatch delivered = new CountDownLatch(options.receivers * options.messages);
        List<Session> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < options.receivers; i++) {
                sessions.add(join(ports.get(i % ports.size()), "r" + i, delivered));
            }
            Session sender = join(ports.get(0), "sender", new CountDownLatch(0));
            sessions.add(sender);
            Thread.sleep(500); // let the joins' presence events settle before timing
            long start = System.nanoTime();
            for (int k = 0; k < options.messages; k++) {
                sender.sendText("{\"type\":\"message\",\"text\":\"m" + k + "\"}");
            }
            if (!delivered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(setup + ": " + delivered.getCount() + " deliveries missing after " + DEADLINE);
            }
            return new Result(setup, options.messages, options.receivers, (System.nanoTime() - start) / 1e9);
        } finally {
            sessions.forEach(session -> session.close(1000, "done"));
        }
    }

    private static Session join(int port, String nick, CountDownLatch delivered) throws Exception {
        Session session = WebSocketClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat"), new WebSocketHandler() {
            @Override
            public void onText(Session s, String text) {
                if (text.startsWith("{\"type\":\"message\"")) {
                    delivered.countDown();
                }
            }
        });
        session.sendText("{\"type\":\"join\",\"room\":\"bench\",\"nick\":\"" + nick + "\"}");
        return session;
    }

    private static void awaitRedis(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.ping();
                return;
            } catch (RuntimeException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("redis-server did not answer on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
