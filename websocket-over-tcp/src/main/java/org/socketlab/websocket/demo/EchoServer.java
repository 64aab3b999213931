package org.socketlab.websocket.demo;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.server.WebSocketServer;

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
    private static final String USAGE = "EchoServer --host H --port P [--path /] [--max-message BYTES]"
            + " [--allowed-origins O1,O2 | --allow-any-origin] [--permessage-deflate]";

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

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, Set.of("--host", "--port", "--path", "--max-message", "--allowed-origins"),
                Set.of("--allow-any-origin", "--permessage-deflate"), USAGE);
        String host = args.get("--host", "127.0.0.1");
        int port = (int) args.getLong("--port", 9001);
        String path = args.get("--path", "/");
        long maxMessage = args.getLong("--max-message", DEFAULT_MAX_MESSAGE);
        String origins = args.get("--allowed-origins", "");
        WebSocketServer.Builder builder = builder(host, port, path, maxMessage);
        if (args.has("--allow-any-origin")) {
            builder.allowAnyOrigin();
        } else if (!origins.isEmpty()) {
            builder.allowedOrigins(origins.split(","));
        }
        if (args.has("--permessage-deflate")) {
            builder.permessageDeflate(org.socketlab.websocket.extension.DeflateConfig.defaults()); // RFC 7692
        }
        WebSocketServer server = builder.start();
        System.out.println("listening on " + server.uri(path));
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await(); // serve until the process is stopped
    }

    /** Starts an echo server; messages (and single frames) up to {@code maxMessage} bytes. */
    public static WebSocketServer start(String host, int port, String path, long maxMessage) throws java.io.IOException {
        return builder(host, port, path, maxMessage).start();
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
