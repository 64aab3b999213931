package org.socketlab.websocket.demo;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A WebSocket echo server: every text and binary message comes back unchanged; pings are
 * answered and close handshakes completed by the protocol itself.
 *
 * <pre>
 * EchoServer --host 127.0.0.1 --port 9001 [--path /] [--max-message 16777216]
 *            [--allowed-origins http://localhost:8080,https://app.example | --allow-any-origin]
 * </pre>
 * Like the library, it refuses browser origins nobody listed (403) and serves clients that send
 * no Origin; {@code --allow-any-origin} is the explicit opt-out for test suites run from a page.
 * Prints {@code listening on ws://H:P/path} once it accepts connections.
 */
public final class EchoServer {

    static final long DEFAULT_MAX_MESSAGE = 16L << 20;

    private EchoServer() {
    }

    /** Echoes every message back to the session it came from. */
    public static final class EchoHandler implements WebSocketHandler {
        @Override
        public void onText(Session session, String text) {
            session.sendText(text);
        }

        @Override
        public void onBinary(Session session, ByteBuffer data) {
            session.sendBinary(data);
        }
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "EchoServer", mixinStandardHelpOptions = true,
            description = "WebSocket echo server: prints 'listening on ws://H:P/path', serves until Ctrl-C.")
    static final class Options implements Cli.Validated {
        @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--port", description = "port; 0 = any free port (default: ${DEFAULT-VALUE})")
        int port = 9001;
        @Option(names = "--path", description = "endpoint path (default: ${DEFAULT-VALUE})")
        String path = "/";
        @Option(names = "--max-message", paramLabel = "BYTES", description = "largest message (default: ${DEFAULT-VALUE})")
        long maxMessage = DEFAULT_MAX_MESSAGE;
        @Option(names = "--allowed-origins", paramLabel = "O1,O2", description = "browser origins allowed to connect")
        String allowedOrigins = "";
        @Option(names = "--allow-any-origin", description = "accept every Origin (tests, autobahn)")
        boolean allowAnyOrigin;
        @Option(names = "--permessage-deflate", description = "accept permessage-deflate (RFC 7692) when a client offers it")
        boolean permessageDeflate;
        @Option(names = "--connection-threads", paramLabel = "KIND",
                description = "VIRTUAL, PLATFORM or EVENT_LOOP (default: ${DEFAULT-VALUE})")
        org.socketlab.websocket.server.ConnectionThreads connectionThreads =
                org.socketlab.websocket.server.ConnectionThreads.VIRTUAL;

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
            Cli.requireRange("--max-message", maxMessage, 1, Long.MAX_VALUE);
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("option '--path' is '" + path + "'; a path starts with /");
            }
            if (allowAnyOrigin && !allowedOrigins.isEmpty()) {
                throw new IllegalArgumentException("--allowed-origins and --allow-any-origin exclude each other");
            }
        }
    }

    public static void main(String[] argv) throws Exception {
        Options args = Cli.parse(new Options(), argv);
        String host = args.host;
        int port = args.port;
        String path = args.path;
        long maxMessage = args.maxMessage;
        String origins = args.allowedOrigins;
        WebSocketServer.Builder builder = builder(host, port, path, maxMessage).connectionThreads(args.connectionThreads);
        if (args.allowAnyOrigin) {
            builder.allowAnyOrigin();
        } else if (!origins.isEmpty()) {
            builder.allowedOrigins(origins.split(","));
        }
        if (args.permessageDeflate) {
            builder.permessageDeflate(CONFORMANCE_DEFLATE); // RFC 7692
        }
        WebSocketServer server = builder.start();
        System.out.println("listening on " + server.uri(path));
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await(); // serve until the process is stopped
    }

    /**
     * permessage-deflate as the echo server agrees it: context takeover kept unless the client asks
     * the server to reset (the server-wide default resets to save memory; a conformance target
     * should exercise the shared window, as Autobahn 12.x/13.x expect), every message compressed.
     */
    public static final org.socketlab.websocket.extension.DeflateConfig CONFORMANCE_DEFLATE =
            org.socketlab.websocket.extension.DeflateConfig.defaults().withServerNoContextTakeover(false).withMinCompressSize(0);

    /** Starts an echo server with permessage-deflate accepted as {@code deflate} says. */
    public static WebSocketServer start(String host, int port, String path, long maxMessage,
                                        org.socketlab.websocket.extension.DeflateConfig deflate) throws java.io.IOException {
        return builder(host, port, path, maxMessage).permessageDeflate(deflate).start();
    }

    /** Starts an echo server; messages (and single frames) up to {@code maxMessage} bytes. */
    public static WebSocketServer start(String host, int port, String path, long maxMessage) throws java.io.IOException {
        return builder(host, port, path, maxMessage).start();
    }

    /** {@link #start(String, int, String, long)} with the connections driven by {@code threads}. */
    public static WebSocketServer start(String host, int port, String path, long maxMessage,
                                        org.socketlab.websocket.server.ConnectionThreads threads) throws java.io.IOException {
        return builder(host, port, path, maxMessage).connectionThreads(threads).start();
    }

    private static WebSocketServer.Builder builder(String host, int port, String path, long maxMessage)
            throws java.io.IOException {
        return WebSocketServer.builder()
                .host(host)
                .port(port)
                .endpoint(path, new EchoHandler())
                .maxFramePayload(Math.max(125, maxMessage))
                .maxMessageSize(maxMessage)
                .maxBufferedBytes(Math.max(4L << 20, maxMessage + 1024));
    }
}
