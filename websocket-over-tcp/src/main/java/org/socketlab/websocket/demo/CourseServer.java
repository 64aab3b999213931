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
import java.util.concurrent.CountDownLatch;
import org.socketlab.tcp.cli.Cli;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

    /** The command line (see {@link Cli}). */
    @Command(name = "CourseServer", mixinStandardHelpOptions = true,
            description = "Serves the chat, the ticker, the routes API, raw Engine.IO (echo) and Socket.IO on one port;"
                    + " prints each URL, then 'listening on http://HOST:PORT/'.")
    static final class CommandLineOptions implements Cli.Validated {
        @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--port", description = "port; 0 = any free port (default: ${DEFAULT-VALUE})")
        int port = 8080;
        @Option(names = "--ping-interval", paramLabel = "MS", description = "Engine.IO ping interval (default: ${DEFAULT-VALUE})")
        long pingIntervalMillis = 25_000;
        @Option(names = "--ping-timeout", paramLabel = "MS", description = "Engine.IO ping timeout (default: ${DEFAULT-VALUE})")
        long pingTimeoutMillis = 20_000;
        @Option(names = "--max-payload", paramLabel = "BYTES",
                description = "Engine.IO/Socket.IO payload limit (default: ${DEFAULT-VALUE})")
        int maxPayload = 1_000_000;
        @Option(names = "--api-key", description = "key for /@connections (default: a random one, printed)")
        String apiKey;

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
            Cli.requireRange("--ping-interval", pingIntervalMillis, 1, Integer.MAX_VALUE);
            Cli.requireRange("--ping-timeout", pingTimeoutMillis, 1, Integer.MAX_VALUE);
            Cli.requireRange("--max-payload", maxPayload, 64, Integer.MAX_VALUE);
        }

        Options toOptions() {
            return new Options(Duration.ofMillis(pingIntervalMillis), Duration.ofMillis(pingTimeoutMillis), maxPayload,
                    apiKey == null ? randomKey() : apiKey);
        }
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = Cli.parse(new CommandLineOptions(), args);
        CourseServer server = start(options.host, options.port, options.toOptions());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        print(server, System.out);
        new CountDownLatch(1).await(); // serve until the process is stopped
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
