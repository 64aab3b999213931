package org.socketlab.websocket.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.socketlab.websocket.chat.ChatLimits;
import org.socketlab.websocket.chat.ChatMount;
import org.socketlab.websocket.realtime.RealtimeConfig;
import org.socketlab.websocket.realtime.RealtimeService;
import org.socketlab.websocket.routing.WebSocketApi;
import org.socketlab.websocket.server.FrontDoor;
import org.socketlab.websocket.socketio.SocketIoServer;
import org.socketlab.websocket.socketio.engine.EngineConfig;
import org.socketlab.websocket.socketio.engine.EngineServer;
import org.socketlab.websocket.socketio.testsuite.ProtocolSuiteHandlers;

/**
 * Every server of the course on one port, one front door:
 *
 * <pre>
 *   /                 the browser chat (page), /ws/chat its WebSocket
 *   /ticker/          the ticker: poll, long-poll, stream, sse, ws and its page
 *   /routes           the API Gateway-style WebSocket API; /@connections/{id} its management API
 *   /engine.io/       raw Engine.IO v4: every message goes back to its sender
 *   /socket.io/       Socket.IO v5: "/" emits "auth" on connect, answers "message" with
 *                     "message-back", acks "message-with-ack"; "/custom" emits "auth" on connect
 * </pre>
 *
 * The Engine.IO and Socket.IO endpoints behave like the servers of the official protocol test
 * suites, so this main can be their target ({@code --ping-interval 300 --ping-timeout 200}).
 * Thread-safe; {@link #close()} stops everything.
 */
public final class CourseServer implements AutoCloseable {

    static final String USAGE = """
            CourseServer [--host 127.0.0.1] [--port 8080] [--ping-interval MS] [--ping-timeout MS]
                         [--max-payload BYTES] [--api-key KEY]
              Serves the chat, the ticker, the routes API, raw Engine.IO (echo) and Socket.IO on one port.
              --ping-interval / --ping-timeout  Engine.IO heartbeat (defaults 25000 / 20000 ms)
              --max-payload                     Engine.IO/Socket.IO payload limit (default 1000000 bytes)
              --api-key                         key for /@connections (default: a random one, printed)""";

    /** Engine.IO and Socket.IO settings shared by both mounts. */
    public record Options(Duration pingInterval, Duration pingTimeout, int maxPayload, String apiKey) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(25), Duration.ofSeconds(20), 1_000_000, randomKey());
        }
    }

    private final FrontDoor door;
    private final RealtimeService ticker;
    private final EngineServer engine;
    private final SocketIoServer socketIo;
    private final String apiKey;

    private CourseServer(String host, int port, Options options) throws IOException {
        FrontDoor.Builder builder = FrontDoor.builder().host(host).port(port);
        ChatMount chat = ChatMount.on(builder, ChatLimits.defaults());
        this.ticker = new RealtimeService("/ticker/", RealtimeConfig.defaults());
        builder.mount(ticker.prefix(), ticker);
        this.apiKey = options.apiKey();
        RoutesServer.api(apiKey, null).mount(builder, "/routes");
        this.door = builder.start();
        chat.allowOwnOrigins(door);
        // Pages served here may open Engine.IO/Socket.IO; other origins are refused, like every
        // server of the course (clients without an Origin header — Node, curl, Java — are served).
        String ownOrigin = door.url("/").substring(0, door.url("/").length() - 1);
        EngineConfig engineConfig = EngineConfig.defaults().withPingInterval(options.pingInterval())
                .withPingTimeout(options.pingTimeout()).withMaxPayload(options.maxPayload())
                .withAllowedOrigins(ownOrigin);
        this.engine = EngineServer.create(engineConfig.withPath("/engine.io/"), ProtocolSuiteHandlers.engineEcho())
                .attach(door);
        this.socketIo = ProtocolSuiteHandlers.mount(
                SocketIoServer.builder().engine(c -> engineConfig.withPath("/socket.io/")).build());
        socketIo.attach(door);
    }

    /** Starts every mount on {@code host:port} (0 = any free port). */
    public static CourseServer start(String host, int port, Options options) throws IOException {
        return new CourseServer(host, port, options);
    }

    public FrontDoor frontDoor() {
        return door;
    }

    public int port() {
        return door.port();
    }

    public RealtimeService ticker() {
        return ticker;
    }

    public SocketIoServer socketIo() {
        return socketIo;
    }

    public EngineServer engineIo() {
        return engine;
    }

    public String apiKey() {
        return apiKey;
    }

    /** Every URL this server answers on, by name, in a stable order. */
    public Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("chat page", door.url("/"));
        urls.put("chat WebSocket", door.webSocketUrl("/ws/chat"));
        urls.put("ticker page", door.url("/ticker/"));
        for (String technique : List.of("poll", "long-poll", "stream", "sse")) {
            urls.put("ticker " + technique, door.url("/ticker/" + technique));
        }
        urls.put("ticker WebSocket", door.webSocketUrl("/ticker/ws"));
        urls.put("routes WebSocket", door.webSocketUrl("/routes"));
        urls.put("@connections", door.url("/@connections/{id}") + " (header x-api-key: " + apiKey + ")");
        urls.put("Engine.IO (echo)", door.url("/engine.io/"));
        urls.put("Socket.IO", door.url("/socket.io/"));
        return urls;
    }

    @Override
    public void close() {
        socketIo.close();
        engine.close();
        ticker.close();
        door.stop(Duration.ofSeconds(2));
    }

    private static String randomKey() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static void main(String[] argv) throws Exception {
        if (List.of(argv).contains("--help") || List.of(argv).contains("-h")) {
            System.out.println("usage: " + USAGE);
            return;
        }
        CourseServer server;
        try {
            server = fromArguments(argv);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        print(server, System.out);
        new CountDownLatch(1).await(); // serve until the process is stopped
    }

    private static CourseServer fromArguments(String[] argv) throws IOException {
        Args args = new Args(argv, Set.of("--host", "--port", "--ping-interval", "--ping-timeout", "--max-payload",
                "--api-key"), "\n" + USAGE);
        Options defaults = Options.defaults();
        long maxPayload = args.getLong("--max-payload", defaults.maxPayload());
        if (maxPayload < 64 || maxPayload > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--max-payload must be 64.." + Integer.MAX_VALUE + ", got " + maxPayload);
        }
        Options options = new Options(
                Duration.ofMillis(positive(args, "--ping-interval", defaults.pingInterval().toMillis())),
                Duration.ofMillis(positive(args, "--ping-timeout", defaults.pingTimeout().toMillis())),
                (int) maxPayload, args.get("--api-key", defaults.apiKey()));
        long port = args.getLong("--port", 8080);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        }
        return start(args.get("--host", "127.0.0.1"), (int) port, options);
    }

    private static long positive(Args args, String name, long fallback) {
        long value = args.getLong(name, fallback);
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be a positive number of milliseconds, got " + value);
        }
        return value;
    }

    /** Each URL, then the one readiness line tools wait for. */
    static void print(CourseServer server, PrintStream out) {
        List<String> lines = new ArrayList<>();
        server.urls().forEach((name, url) -> lines.add(String.format("  %-18s %s", name, url)));
        lines.forEach(out::println);
        out.println("listening on " + server.door.url("/"));
        out.flush();
    }
}
