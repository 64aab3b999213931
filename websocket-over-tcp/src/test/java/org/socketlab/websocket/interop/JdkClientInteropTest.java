package org.socketlab.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.InteropServer;
import org.socketlab.websocket.testing.Payloads;
import org.socketlab.websocket.testing.TestCertificates;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/** The JDK's own java.net.http.WebSocket client against our server. */
@Timeout(60)
@ExtendWith(StopAfterEachExtension.class)
class JdkClientInteropTest {

    private static final long WAIT_MS = 10_000;
    @StopAfterEach
    private WebSocketServer server;

    /** Joins partial messages, records pongs and the close. */
    static final class Listener implements WebSocket.Listener {
        final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<String> pongs = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            pongs.add(StandardCharsets.UTF_8.decode(message).toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        Object next() throws InterruptedException {
            Object message = messages.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within %d ms", WAIT_MS).isNotNull();
            return message;
        }
    }

    private static WebSocket open(HttpClient client, String uri, Listener listener) throws Exception {
        return client.newWebSocketBuilder().subprotocols("chat")
                .buildAsync(URI.create(uri), listener).get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    private void scenario(HttpClient client, String uri) throws Exception {
        Listener listener = new Listener();
        WebSocket ws = open(client, uri, listener);
        assertThat(ws.getSubprotocol()).isEqualTo("chat");
        for (int size : Payloads.SIZES) {
            ws.sendText(Payloads.text(size), true).get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(listener.next()).as("text echo of %d chars", size).isEqualTo(Payloads.text(size));
            ws.sendBinary(ByteBuffer.wrap(Payloads.binary(size)), true).get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(listener.next()).as("binary echo of %d bytes", size).isEqualTo(Payloads.binary(size));
        }
        ws.sendText("frag-", false).join();
        ws.sendText("ment-", false).join();
        ws.sendText("ed", true).join();
        assertThat(listener.next()).isEqualTo("frag-ment-ed");
        ws.sendPing(ByteBuffer.wrap("heartbeat".getBytes(StandardCharsets.UTF_8))).join();
        assertThat(listener.pongs.poll(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo("heartbeat");
        ws.sendClose(4001, "client-bye").get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(listener.closed.get(WAIT_MS, TimeUnit.MILLISECONDS)).as("the server echoes the code (RFC 6455 §5.5.1)").startsWith("4001 ");

        Listener second = new Listener();
        WebSocket ws2 = open(client, uri, second);
        ws2.sendText("close:4002:server-bye", true).join();
        assertThat(second.closed.get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo("4002 server-bye");
    }

    @Test
    void everySizeFragmentsPingCloseCodesAndSubprotocol_overWs() throws Exception {
        server = InteropServer.start(null);
        scenario(HttpClient.newHttpClient(), server.uri("/echo"));
    }

    @Test
    void everySizeFragmentsPingCloseCodesAndSubprotocol_overWss() throws Exception {
        TestCertificates certificates = TestCertificates.get();
        server = InteropServer.start(certificates.serverContext());
        SSLContext trusting = certificates.clientContext();
        scenario(HttpClient.newBuilder().sslContext(trusting).build(), "wss://localhost:" + server.port() + "/echo");
    }

    @Test
    void refusedOrigin_failsTheHandshakeWith403() throws Exception {
        server = InteropServer.start(null);
        Throwable failure = catchThrowable(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", InteropServer.EVIL_ORIGIN)
                .buildAsync(URI.create(server.uri("/private")), new Listener())
                .get(WAIT_MS, TimeUnit.MILLISECONDS));
        assertThat(failure).hasCauseInstanceOf(WebSocketHandshakeException.class);
        WebSocketHandshakeException handshake = (WebSocketHandshakeException) failure.getCause();
        assertThat(handshake.getResponse().statusCode()).isEqualTo(403);
    }

    @Test
    void unknownPath_failsTheHandshakeWith404() throws Exception {
        server = InteropServer.start(null);
        Throwable failure = catchThrowable(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(server.uri("/nowhere")), new Listener())
                .get(WAIT_MS, TimeUnit.MILLISECONDS));
        assertThat(failure).hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode()).isEqualTo(404);
    }
}
