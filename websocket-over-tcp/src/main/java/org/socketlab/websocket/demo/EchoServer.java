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
 * </pre>
 * Prints {@code listening on ws://H:P/path} once it accepts connections.
 */
public final class EchoServer {

    static final long DEFAULT_MAX_MESSAGE = 16L << 20;
    private static final String USAGE = "EchoServer --host H --port P [--path /] [--max-message BYTES]";

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
        Args args = new Args(argv, Set.of("--host", "--port", "--path", "--max-message"), USAGE);
        String host = args.get("--host", "127.0.0.1");
        int port = (int) args.getLong("--port", 9001);
        String path = args.get("--path", "/");
        long maxMessage = args.getLong("--max-message", DEFAULT_MAX_MESSAGE);
        WebSocketServer server = start(host, port, path, maxMessage);
        System.out.println("listening on " + server.uri(path));
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        new CountDownLatch(1).await(); // serve until the process is stopped
    }

    /** Starts an echo server; messages (and single frames) up to {@code maxMessage} bytes. */
    public static WebSocketServer start(String host, int port, String path, long maxMessage) throws java.io.IOException {
        return WebSocketServer.builder()
                .host(host)
                .port(port)
                .endpoint(path, new EchoHandler())
                .maxFramePayload(Math.max(125, maxMessage))
                .maxMessageSize(maxMessage)
                .maxBufferedBytes(Math.max(4L << 20, maxMessage + 1024))
                .start();
    }
}
