package org.socketlab.websocket.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import org.socketlab.websocket.routing.ConnectRouteRefusedException;
import org.socketlab.websocket.routing.WebSocketApi;
import org.socketlab.websocket.server.FrontDoor;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An API Gateway-style WebSocket API to try with wscat and curl: routes {@code sendmessage}
 * (broadcast), {@code whoami} (answers the caller's connection id), {@code $default}; and
 * {@code @connections} on the same port.
 *
 * <pre>
 * RoutesServer --host 127.0.0.1 --port 9002 [--path /] [--api-key KEY] [--token TOKEN]
 * </pre>
 * Without {@code --api-key} a random key is generated. With {@code --token}, {@code $connect}
 * requires {@code ?token=TOKEN} (401 without one, 403 with another). Prints
 * {@code listening on ws://H:P/path} and the {@code @connections} URL with its key when ready.
 */
public final class RoutesServer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RoutesServer() {
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "RoutesServer", mixinStandardHelpOptions = true,
            description = "Lab 12's routes ($connect, $default, custom routes) and the @connections API on one port.")
    static final class Options implements Cli.Validated {
        @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--port", description = "port; 0 = any free port (default: ${DEFAULT-VALUE})")
        int port = 9002;
        @Option(names = "--path", description = "WebSocket path (default: ${DEFAULT-VALUE})")
        String path = "/";
        @Option(names = "--api-key", paramLabel = "KEY", description = "x-api-key for @connections (default: random)")
        String apiKey;
        @Option(names = "--token", description = "$connect requires ?token=TOKEN")
        String token;

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("option '--path' is '" + path + "'; a path starts with /");
            }
        }
    }

    public static void main(String[] argv) throws Exception {
        Options args = Cli.parse(new Options(), argv);
        String path = args.path;
        String apiKey = args.apiKey != null ? args.apiKey : randomKey();
        WebSocketServer server = start(args.host, args.port, path, apiKey, args.token);
        System.out.println("listening on " + server.uri(path));
        System.out.println("@connections on " + server.uri("/@connections/{id}").replaceFirst("^ws", "http")
                + " with header x-api-key: " + apiKey);
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await(); // serve until the process is stopped
    }

    /**
     * Starts the API on a {@link FrontDoor} of its own ({@code @connections} on persistent
     * connections); {@code token} null means $connect admits everybody.
     */
    public static WebSocketServer start(String host, int port, String path, String apiKey, String token)
            throws IOException {
        FrontDoor door = api(apiKey, token).mount(FrontDoor.builder().host(host).port(port), path).start();
        return WebSocketServer.on(door);
    }

    /** The demo API (sendmessage, whoami, $default, @connections with {@code apiKey}), to install or mount. */
    public static WebSocketApi api(String apiKey, String token) {
        return WebSocketApi.builder()
                .routeSelectionExpression("$request.body.action")
                .onConnect(request -> {
                    if (token == null) {
                        return;
                    }
                    String offered = request.queryParameter("token")
                            .orElseThrow(() -> ConnectRouteRefusedException.unauthorized("connect with ?token=..."));
                    if (!offered.equals(token)) {
                        throw ConnectRouteRefusedException.forbidden("this token is not valid");
                    }
                })
                .route("sendmessage", context -> {
                    ObjectNode message = JSON.createObjectNode().put("from", context.connectionId())
                            .put("text", context.body().orElseThrow().path("text").asText(""));
                    context.connections().broadcast(message.toString());
                })
                .route("whoami", context -> context.reply(
                        JSON.createObjectNode().put("connectionId", context.connectionId()).toString()))
                .defaultRoute(context -> context.reply(
                        "{\"error\":\"unknown action\",\"actions\":[\"sendmessage\",\"whoami\"]}"))
                .apiKey(apiKey)
                .build();
    }

    private static String randomKey() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
