package org.socketlab.websocket.testing;

import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.server.Endpoint;
import org.socketlab.websocket.server.WebSocketServer;

/**
 * The server under test as peers see it: {@code /echo} (echo, subprotocols chat/superchat)
 * and {@code /private} (echo, only Origin http://good.example), 4 MiB messages.
 */
public final class InteropServer {

    public static final String GOOD_ORIGIN = "http://good.example";
    public static final String EVIL_ORIGIN = "http://evil.example";

    private InteropServer() {
    }

    public static WebSocketServer start(SSLContext tls) throws IOException {
        return start(tls, null);
    }

    /** The same endpoints with permessage-deflate (RFC 7692) accepted on both when {@code deflate} is not null. */
    public static WebSocketServer start(SSLContext tls, DeflateConfig deflate) throws IOException {
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .endpoint(Endpoint.at("/echo", new TestEchoHandler()).subprotocols("chat", "superchat"))
                .endpoint(Endpoint.at("/private", new TestEchoHandler()).allowedOrigins(GOOD_ORIGIN))
                .maxFramePayload(4L << 20)
                .maxMessageSize(4L << 20)
                .shutdownTimeout(Duration.ofSeconds(2));
        if (deflate != null) {
            builder.permessageDeflate(deflate);
        }
        if (tls != null) {
            builder.tls(tls);
        }
        return builder.start();
    }
}
