package org.socketlab.websocket.demo;

import java.net.URI;
import java.nio.ByteBuffer;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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


    private EchoClient() {
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "EchoClient", mixinStandardHelpOptions = true,
            description = "WebSocket client: echoes what it receives (or sends --send once), closes cleanly.")
    static final class Options implements Cli.Validated {
        @Option(names = "--url", description = "ws:// or wss:// URL (default: ${DEFAULT-VALUE})")
        URI url = URI.create("ws://127.0.0.1:9001/");
        @Option(names = "--send", paramLabel = "TEXT", description = "send this text, print the answer, close")
        String send;
        @Option(names = "--max-message", paramLabel = "BYTES", description = "largest message (default: ${DEFAULT-VALUE})")
        long maxMessage = EchoServer.DEFAULT_MAX_MESSAGE;
        @Option(names = "--permessage-deflate", description = "offer permessage-deflate (RFC 7692)")
        boolean permessageDeflate;
        @Option(names = "--client-no-context-takeover",
                description = "with --permessage-deflate: offer client_no_context_takeover (reset our compressor after each message)")
        boolean clientNoContextTakeover;

        @Override
        public void validate() {
            String scheme = url.getScheme();
            if (!"ws".equals(scheme) && !"wss".equals(scheme) || url.getHost() == null) {
                throw new IllegalArgumentException("option '--url' is '" + url + "'; expected ws://HOST:PORT/PATH"
                        + " or wss://...");
            }
            Cli.requireRange("--max-message", maxMessage, 1, Long.MAX_VALUE - 1024);
            if (clientNoContextTakeover && !permessageDeflate) {
                throw new IllegalArgumentException("--client-no-context-takeover needs --permessage-deflate");
            }
        }
    }

    public static void main(String[] argv) throws Exception {
        Options args = Cli.parse(new Options(), argv);
        URI url = args.url;
        String send = args.send;
        long maxMessage = args.maxMessage;
        ClientOptions options = ClientOptions.defaults().maxMessageSize(maxMessage).maxBufferedBytes(maxMessage + 1024);
        if (args.permessageDeflate) {
            // RFC 7692: takeover both ways unless asked (Autobahn 13.2/13.5/13.6 accept only an offer with the hint)
            options = options.permessageDeflate(EchoServer.CONFORMANCE_DEFLATE.withClientNoContextTakeover(args.clientNoContextTakeover));
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
