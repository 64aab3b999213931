package org.socketlab.websocket.cluster;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.socketlab.tcp.cli.Cli;
import org.socketlab.websocket.chat.ChatLimits;
import org.socketlab.websocket.chat.ChatMount;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.routing.WebSocketApi;
import org.socketlab.websocket.server.FrontDoor;
import org.socketlab.websocket.socketio.SocketIoServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One node of a scaled-out deployment, every cluster-aware service on one front door:
 * <pre>
 * /  /ws/chat            the chat, rooms/presence/history shared through Redis ({@link ClusterChatRooms})
 * /ws/api  /@connections/{id}   API-Gateway-style routes; {@code @connections} answered for any node
 * /socket.io/            Socket.IO, namespace "/" in the {@code @socket.io/redis-adapter} cluster
 * /health                200 "ok &lt;node&gt;" while Redis answers, else 503 (HAProxy's health check)
 * </pre>
 * Prints {@code listening on http://host:port/ node <id>} when ready. Thread-safe; close() stops it.
 */
public final class ClusterServer implements AutoCloseable {

    private final ClusterNode node;
    private final FrontDoor door;
    private final SocketIoServer socketIo;

    private ClusterServer(ClusterNode node, String host, int port, String apiKey, List<String> extraOrigins,
                          ChatLimits limits) throws IOException {
        this.node = node;
        FrontDoor.Builder builder = FrontDoor.builder().host(host).port(port)
                .configure(config -> config.withShutdownTimeout(Duration.ofSeconds(1)));
        ChatMount chat = ChatMount.on(builder, limits, new ClusterChatRooms(node, limits));
        api(node, apiKey).mount(builder, "/ws/api");
        builder.get("/health", (request, remote) -> healthy()
                ? HttpResponse.text(200, "ok " + node.nodeId() + "\n")
                : HttpResponse.text(503, "redis unreachable from " + node.nodeId() + "\n"));
        this.door = builder.start();
        // Behind HAProxy a browser's Origin is the proxy's address, which this node cannot know.
        chat.allowOwnOrigins(door, extraOrigins.toArray(String[]::new));
        this.socketIo = SocketIoServer.builder().allowAnyOrigin().build();
        socketIo.attach(door);
        SocketIoRedisAdapter.attach(node, socketIo.sockets());
        socketIo.on("connection", socket -> {
            socket.on("join", (args, ack) -> {
                socket.join(String.valueOf(args.get(0)));
                ack.send("joined " + node.nodeId());
            });
            socket.on("say", (args, ack) -> socketIo.sockets().to(String.valueOf(args.get(0)))
                    .emit("said", Map.of("from", socket.id(), "node", node.nodeId(), "text", String.valueOf(args.get(1)))));
        });
    }

    /** Starts a node: connects to Redis (fails when it does not answer), then listens. */
    public static ClusterServer start(ClusterConfig config, String host, int port, String apiKey,
                                      List<String> extraOrigins, ChatLimits limits)
            throws IOException, InterruptedException {
        ClusterNode node = ClusterNode.connect(config);
        try {
            return new ClusterServer(node, host, port, apiKey, List.copyOf(extraOrigins), limits);
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private static WebSocketApi api(ClusterNode node, String apiKey) {
        return WebSocketApi.builder()
                .directory(new ClusterConnectionDirectory(node))
                .route("whoami", context -> context.reply("{\"connectionId\":\"" + context.connectionId()
                        + "\",\"node\":\"" + node.nodeId() + "\"}"))
                .route("sendmessage", context -> context.connections().broadcast(context.text()))
                .defaultRoute(context -> context.reply("{\"error\":\"unknown action\",\"node\":\"" + node.nodeId() + "\"}"))
                .apiKey(apiKey)
                .build();
    }

    private boolean healthy() {
        try {
            return "PONG".equals(node.redis().ping());
        } catch (RuntimeException redisDown) {
            return false;
        }
    }

    public int port() {
        return door.localAddress().getPort();
    }

    public String url() {
        return door.url("/");
    }

    public ClusterNode node() {
        return node;
    }

    @Override
    public void close() {
        socketIo.close();
        door.stop(Duration.ofSeconds(1));
        node.close();
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "ClusterServer", mixinStandardHelpOptions = true,
            description = "One node of a scaled-out deployment: chat, routes + @connections, Socket.IO, /health; "
                    + "shared through Redis.")
    static final class Options implements Cli.Validated {
        @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--port", description = "port; 0 = any free port (default: ${DEFAULT-VALUE})")
        int port = 0;
        @Option(names = "--redis-host", description = "Redis host (default: ${DEFAULT-VALUE})")
        String redisHost = "127.0.0.1";
        @Option(names = "--redis-port", description = "Redis port (default: ${DEFAULT-VALUE})")
        int redisPort = 6379;
        @Option(names = "--node-id", description = "this node's name in Redis keys and channels (default: random)")
        String nodeId;
        @Option(names = "--ttl-ms", description = "how long a dead node's entries live (default: ${DEFAULT-VALUE})")
        long ttlMillis = ClusterConfig.DEFAULT_TTL.toMillis();
        @Option(names = "--api-key", description = "key for @connections, 16+ characters (default: ${DEFAULT-VALUE})")
        String apiKey = "socketlab-cluster-key";
        @Option(names = "--allowed-origin", split = ",", paramLabel = "http://host:port",
                description = "also allow this browser origin, e.g. the HAProxy front end (repeat or comma-separate)")
        List<String> allowedOrigins = new java.util.ArrayList<>();
        @Option(names = "--chat-rate", description = "chat messages per second per connection (default: ${DEFAULT-VALUE})")
        int chatRate = 5;

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
            Cli.requirePort("--redis-port", redisPort);
            if (ttlMillis < 300) {
                throw new IllegalArgumentException("--ttl-ms must be at least 300, got " + ttlMillis);
            }
            if (chatRate < 1 || chatRate > 1000) {
                throw new IllegalArgumentException("--chat-rate must be 1..1000, got " + chatRate);
            }
            if (apiKey.length() < 16) {
                throw new IllegalArgumentException("--api-key must have at least 16 characters, got " + apiKey.length());
            }
        }

        ClusterConfig config() {
            ClusterConfig config = ClusterConfig.of(redisHost, redisPort)
                    .withTtl(Duration.ofMillis(ttlMillis), Duration.ofMillis(ttlMillis / 3));
            return nodeId == null ? config : config.withNodeId(nodeId);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        ChatLimits limits = ChatLimits.defaults().withRate(Math.max(10, options.chatRate),
                Duration.ofNanos(1_000_000_000L / options.chatRate));
        ClusterServer server;
        try {
            server = start(options.config(), options.host, options.port, options.apiKey, options.allowedOrigins, limits);
        } catch (RuntimeException e) {
            System.err.println("cannot join the cluster through Redis at " + options.redisHost + ":" + options.redisPort
                    + ": " + e.getMessage() + " (is redis-server running?)");
            System.exit(Cli.EXIT_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("listening on " + server.url() + " node " + server.node().nodeId());
        new CountDownLatch(1).await(); // until killed
    }
}
