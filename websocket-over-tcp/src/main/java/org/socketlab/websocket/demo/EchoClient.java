package org.socketlab.websocket.demo;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Set;
import org.socketlab.websocket.api.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;

/**
 * A WebSocket echo client: connects, sends back every message it receives, and completes the
 * close handshake when the server ends the conversation (or after {@code --send TEXT}, when
 * given: sends it, prints the echo, closes with 1000).
 *
 * <pre>
 * EchoClient --url ws://127.0.0.1:9001/ [--send hello] [--max-message 16777216]
 * </pre>
 * Exits 0 after a clean close, 1 otherwise.
 */
public final class EchoClient {

    private static final String USAGE = "EchoClient --url ws://host:port/path [--send TEXT] [--max-message BYTES] [--permessage-deflate]";

    private EchoClient() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, Set.of("--url", "--send", "--max-message"), Set.of("--permessage-deflate"), USAGE);
        URI url = URI.create(args.get("--url", "ws://127.0.0.1:9001/"));
        String send = args.get("--send", null);
        long maxMessage = args.getLong("--max-message", EchoServer.DEFAULT_MAX_MESSAGE);
        ClientOptions options = ClientOptions.defaults().maxMessageSize(maxMessage).maxBufferedBytes(maxMessage + 1024);
        if (args.has("--permessage-deflate")) {
            options = options.permessageDeflate(org.socketlab.websocket.extension.DeflateConfig.defaults()); // RFC 7692
        }
        Session session = WebSocketClient.connect(url, send == null ? new Echo() : new PrintOnce(), options);
        System.out.println("connected to " + url);
        if (send != null) {
            session.sendText(send);
        }
        CloseStatus status = session.closeFuture().get();
        System.out.println("closed " + status.code() + (status.reason().isEmpty() ? "" : " " + status.reason())
                + (status.clean() ? " (clean)" : " (not clean)"));
        System.exit(status.clean() ? 0 : 1);
    }

    /** Sends back what arrives. */
    private static final class Echo implements WebSocketHandler {
        @Override
        public void onText(Session session, String text) {
            session.sendText(text);
        }

        @Override
        public void onBinary(Session session, ByteBuffer data) {
            session.sendBinary(data);
        }
    }

    /** Prints the first reply, then closes normally. */
    private static final class PrintOnce implements WebSocketHandler {
        @Override
        public void onText(Session session, String text) {
            System.out.println("received: " + text);
            session.close(1000, "done");
        }
    }
}
