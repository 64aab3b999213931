package org.socketlab.websocket.chat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.server.FrontDoor;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The browser chat: one port serves the page ({@code /}, {@code /chat.js}, {@code /chat.css}
 * from the class path's {@code static/chat/}, by {@link StaticFiles}) and the WebSocket
 * endpoint {@value #CHAT_PATH} ({@link ChatHandler}), whose origin allow-list is the server's
 * own origins by default ({@link OriginAllowList}). Both are routes of a {@link FrontDoor}
 * ({@link ChatMount}), so the page's requests share persistent connections.
 *
 * <pre>
 * java org.socketlab.websocket.chat.ChatServer --host 127.0.0.1 --port 8080 [--allowed-origin http://chat.example]
 * listening on http://127.0.0.1:8080/
 * </pre>
 *
 * <p>Thread-safe once started; {@link #close()} says goodbye to every browser with 1001.
 */
public final class ChatServer implements AutoCloseable {

    public static final String CHAT_PATH = "/ws/chat";

    /**
     * permessage-deflate (RFC 7692) as the chat accepts it from browsers: no context takeover in
     * either direction (no zlib state kept between messages), messages from 64 bytes compressed.
     */
    static final org.socketlab.websocket.extension.DeflateConfig DEFLATE =
            org.socketlab.websocket.extension.DeflateConfig.defaults().withClientNoContextTakeover(true);
    public static final String STATIC_ROOT = "static/chat";

    private final FrontDoor door;
    private final ChatRooms rooms;
    private final String host;
    private final List<String> allowedOrigins;

    private ChatServer(Builder builder) throws IOException {
        FrontDoor.Builder routes = FrontDoor.builder()
                .host(builder.host)
                .port(builder.port)
                .configure(config -> config.withShutdownTimeout(Duration.ofSeconds(2)));
        // The page and the endpoint are routes of a front door: static files are served on
        // persistent connections (RFC 9112 §9.3), the WebSocket through the one upgrade path.
        ChatMount chat = builder.backend == null ? ChatMount.on(routes, builder.limits, builder.webSocketEnabled)
                : ChatMount.on(routes, builder.limits, builder.backend, builder.webSocketEnabled);
        this.rooms = builder.backend == null ? chat.rooms() : null;
        this.door = routes.start();
        this.host = hostText(door.localAddress().getAddress());
        // The origin allow-list depends on the bound port, known only after start() (RFC 6455 §10.2).
        this.allowedOrigins = chat.allowOwnOrigins(door, builder.extraOrigins.toArray(String[]::new));
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return door.port();
    }

    /** {@code http://host:port/} — the page to open in a browser. */
    public String url() {
        return "http://" + host + ":" + port() + "/";
    }

    /** {@code ws://host:port/ws/chat}. */
    public String webSocketUri() {
        return door.webSocketUrl(CHAT_PATH);
    }

    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    public ChatRooms rooms() {
        if (rooms == null) {
            throw new IllegalStateException("this chat server keeps its rooms outside this process (Builder.backend)");
        }
        return rooms;
    }

    /** The underlying WebSocket server (sessions, connection counts): a view of {@link #frontDoor()}. */
    public WebSocketServer webSocketServer() {
        return WebSocketServer.on(door);
    }

    /** The front door the page and the endpoint are routes of. */
    public FrontDoor frontDoor() {
        return door;
    }

    /** Closes every session with 1001 (going away) and stops listening. */
    public boolean stop(Duration grace) {
        return door.stop(grace);
    }

    @Override
    public void close() {
        door.close();
    }

    private static String hostText(InetAddress address) {
        String text = address.getHostAddress();
        return text.indexOf(':') >= 0 ? "[" + text + "]" : text;
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "ChatServer", mixinStandardHelpOptions = true,
            description = "The chat page and /ws/chat on one port: rooms, presence, history.")
    static final class Options implements Cli.Validated {
        @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--port", description = "port; 0 = any free port (default: ${DEFAULT-VALUE})")
        int port = 8080;
        @Option(names = "--allowed-origin", split = ",", paramLabel = "http://host:port",
                description = "also allow this browser origin (repeat or comma-separate)")
        java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        Builder builder = builder().host(options.host).port(options.port);
        if (!options.allowedOrigins.isEmpty()) {
            builder.allowedOrigins(options.allowedOrigins.toArray(String[]::new));
        }
        ChatServer chat = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(chat::close));
        System.out.println("listening on " + chat.url());
        System.out.println("chat endpoint " + chat.webSocketUri() + ", allowed origins " + chat.allowedOrigins());
        new CountDownLatch(1).await(); // until Ctrl+C
    }

    /** Loopback, port 0, default limits, only the server's own origins. */
    public static final class Builder {
        private InetAddress host = InetAddress.getLoopbackAddress();
        private int port;
        private ChatLimits limits = ChatLimits.defaults();
        private final List<String> extraOrigins = new ArrayList<>();
        private boolean webSocketEnabled = true;
        private ChatBackend backend;

        private Builder() {
        }

        /** False: /ws/chat refuses WebSocket and pages chat through SockJS (xhr-streaming, eventsource, …). */
        public Builder webSocketEnabled(boolean enabled) {
            this.webSocketEnabled = enabled;
            return this;
        }

        /** Keeps the rooms in {@code rooms} (e.g. shared by several servers through Redis) instead of this process. */
        public Builder backend(ChatBackend rooms) {
            this.backend = Objects.requireNonNull(rooms, "rooms");
            return this;
        }

        public Builder host(String name) throws IOException {
            this.host = InetAddress.getByName(name);
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder limits(ChatLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Origins allowed in addition to the server's own, e.g. the public name behind a proxy. */
        public Builder allowedOrigins(String... origins) {
            List<String> list = Arrays.stream(origins).map(String::strip).filter(o -> !o.isEmpty()).toList();
            OriginPolicy.allowList(list); // validates each: scheme://host[:port]
            extraOrigins.addAll(list);
            return this;
        }

        public ChatServer start() throws IOException {
            return new ChatServer(this);
        }
    }
}
