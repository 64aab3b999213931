package org.socketlab.websocket.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.socketlab.tcp.cli.Cli;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.server.FrontDoor;
import org.socketlab.websocket.sockjs.SockJsOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The services the SockJS protocol test suite ({@code sockjs-protocol-0.3.3.py}) expects, on one
 * front door:
 *
 * <pre>
 *   /echo                     every message goes back to its sender
 *   /disabled_websocket_echo  the same, with the websocket transports off
 *   /cookie_needed_echo       the same, with JSESSIONID set on session URLs
 *   /close                    every session is closed at once with c[3000,"Go away!"]
 * </pre>
 *
 * The streaming byte limit is 4,096 bytes by default, as the suite requires of its test server
 * (the library's default is 128 KiB). Thread-safe; {@link #close()} stops everything.
 */
public final class SockJsServer implements AutoCloseable {

    private final FrontDoor door;

    private SockJsServer(FrontDoor door) {
        this.door = door;
    }

    /** Starts the four services on {@code host:port} (0 = any free port). */
    public static SockJsServer start(String host, int port, SockJsOptions options) throws IOException {
        FrontDoor.Builder builder = FrontDoor.builder().host(host).port(port);
        builder.addHandler(new Echo(), "/echo").setAllowedOrigins("*").withSockJS().setOptions(options);
        builder.addHandler(new Echo(), "/disabled_websocket_echo").setAllowedOrigins("*").withSockJS()
                .setOptions(options.withWebSocketEnabled(false));
        builder.addHandler(new Echo(), "/cookie_needed_echo").setAllowedOrigins("*").withSockJS()
                .setOptions(options.withCookieNeeded(true));
        builder.addHandler(new CloseAtOnce(), "/close").setAllowedOrigins("*").withSockJS().setOptions(options);
        return new SockJsServer(builder.start());
    }

    public FrontDoor frontDoor() {
        return door;
    }

    /** {@code http://host:port} without a trailing slash: what {@code SOCKJS_URL} is set to. */
    public String baseUrl() {
        String url = door.url("/");
        return url.substring(0, url.length() - 1);
    }

    @Override
    public void close() {
        door.close();
    }

    /** Sends every message back. */
    static final class Echo implements WebSocketHandler {
        @Override
        public void onText(Session session, String text) {
            session.sendText(text);
        }
    }

    /** Closes each session as soon as it opens. */
    static final class CloseAtOnce implements WebSocketHandler {
        @Override
        public void onOpen(Session session) {
            session.close(3000, "Go away!");
        }
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "SockJsServer", mixinStandardHelpOptions = true,
            description = "SockJS 0.3.3 test services: /echo, /disabled_websocket_echo, /cookie_needed_echo, /close.")
    static final class CommandLineOptions implements Cli.Validated {
        @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--port", description = "port; 0 = any free port (default: ${DEFAULT-VALUE})")
        int port = 8081;
        @Option(names = "--heartbeat", paramLabel = "MS", description = "heartbeat interval (default: ${DEFAULT-VALUE})")
        long heartbeatMillis = 25_000;
        @Option(names = "--disconnect-delay", paramLabel = "MS",
                description = "session lifetime without a receiving request (default: ${DEFAULT-VALUE})")
        long disconnectDelayMillis = 5_000;
        @Option(names = "--stream-limit", paramLabel = "BYTES",
                description = "bytes per streaming response (default: ${DEFAULT-VALUE}, what the protocol suite expects)")
        int streamBytesLimit = 4096;
        @Option(names = "--no-hixie76", description = "refuse hixie-76 (2010 draft) WebSocket handshakes")
        boolean noHixie76;

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
            Cli.requireRange("--heartbeat", heartbeatMillis, 1, Integer.MAX_VALUE);
            Cli.requireRange("--disconnect-delay", disconnectDelayMillis, 1, Integer.MAX_VALUE);
            Cli.requireRange("--stream-limit", streamBytesLimit, 1, Integer.MAX_VALUE);
        }

        SockJsOptions toOptions() {
            return SockJsOptions.defaults().withHeartbeatInterval(Duration.ofMillis(heartbeatMillis))
                    .withDisconnectDelay(Duration.ofMillis(disconnectDelayMillis)).withStreamBytesLimit(streamBytesLimit)
                    .withHixie76Enabled(!noHixie76);
        }
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions options = Cli.parse(new CommandLineOptions(), args);
        SockJsServer server = start(options.host, options.port, options.toOptions());
        System.out.println("SockJS services: " + server.baseUrl() + "/echo, /disabled_websocket_echo, "
                + "/cookie_needed_echo, /close");
        System.out.println("listening on " + server.door.url("/"));
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await(); // serve until the process is stopped
    }
}
