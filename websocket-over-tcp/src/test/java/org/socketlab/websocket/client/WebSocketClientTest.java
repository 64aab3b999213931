package org.socketlab.websocket.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.InteropServer;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RawWebSocket.RawFrame;
import org.socketlab.websocket.testing.RecordingHandler;

/** Our client against our server, and against a raw server that sends exactly what a test needs. */
@Timeout(30)
class WebSocketClientTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private WebSocketServer server;
    private ServerSocket rawServer;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
        if (rawServer != null) {
            rawServer.close();
        }
    }

    private URI uri(String path) {
        return URI.create(server.uri(path));
    }

    /** Accepts one connection on a raw server in the background. */
    private CompletableFuture<RawWebSocket> acceptRaw(String extraResponseHeaders) throws IOException {
        rawServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return RawWebSocket.serverSide(rawServer.accept(), extraResponseHeaders);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private URI rawUri() {
        return URI.create("ws://127.0.0.1:" + rawServer.getLocalPort() + "/raw");
    }

    @Nested
    class AgainstOurServer {
        @Test
        void echoesTextAndBinary_andClosesCleanly() throws Exception {
            server = InteropServer.start(null);
            RecordingHandler handler = new RecordingHandler();
            Session session = WebSocketClient.connect(uri("/echo"), handler);
            assertThat(handler.opened.get(5, TimeUnit.SECONDS)).isSameAs(session);
            session.sendText("hello");
            assertThat(handler.nextMessage(WAIT)).isEqualTo("hello");
            session.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertThat(handler.nextMessage(WAIT)).isEqualTo(new byte[] {1, 2, 3});
            session.close();
            CloseStatus status = session.closeFuture().get(5, TimeUnit.SECONDS);
            assertThat(status).isEqualTo(new CloseStatus(CloseCode.NORMAL_CLOSURE, status.reason(), true, CloseStatus.Initiator.LOCAL));
            assertThat(handler.closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(1000);
        }

        @Test
        void sixteenMebibyteMessage_roundTripsThroughTheEchoServer() throws Exception {
            server = org.socketlab.websocket.demo.EchoServer.start("127.0.0.1", 0, "/", 16L << 20);
            RecordingHandler handler = new RecordingHandler();
            Session session = WebSocketClient.connect(uri("/"), handler,
                    ClientOptions.defaults().maxMessageSize(16L << 20).maxBufferedBytes(32L << 20));
            byte[] big = new byte[16 << 20];
            new java.util.Random(7).nextBytes(big);
            session.sendBinary(ByteBuffer.wrap(big));
            byte[] echo = (byte[]) handler.nextMessage(Duration.ofSeconds(20));
            assertThat(echo.length).isEqualTo(big.length);
            assertThat(java.util.Arrays.mismatch(echo, big)).as("first differing offset").isEqualTo(-1);
            session.close();
        }

        @Test
        void refusedOrigin_throwsHandshakeExceptionWith403() throws Exception {
            server = InteropServer.start(null);
            HttpException refused = catchThrowableOfType(HttpException.class, () -> WebSocketClient.connect(
                    uri("/private"), new RecordingHandler(), ClientOptions.defaults().origin(InteropServer.EVIL_ORIGIN)));
            assertThat(refused.status()).isEqualTo(403);
        }

        @Test
        void allowedOrigin_connects() throws Exception {
            server = InteropServer.start(null);
            Session session = WebSocketClient.connect(uri("/private"), new RecordingHandler(),
                    ClientOptions.defaults().origin(InteropServer.GOOD_ORIGIN));
            assertThat(session.isOpen()).isTrue();
            session.close();
        }

        @Test
        void unknownPath_throwsHandshakeExceptionWith404() throws Exception {
            server = InteropServer.start(null);
            HttpException refused = catchThrowableOfType(HttpException.class,
                    () -> WebSocketClient.connect(uri("/nowhere"), new RecordingHandler()));
            assertThat(refused.status()).isEqualTo(404);
        }

        @Test
        void subprotocol_isNegotiated() throws Exception {
            server = InteropServer.start(null);
            Session session = WebSocketClient.connect(uri("/echo"), new RecordingHandler(),
                    ClientOptions.defaults().subprotocols("mqtt", "superchat", "chat"));
            assertThat(session.subprotocol()).contains("superchat");
            session.close();
        }
    }

    @Nested
    class AgainstARawServer {
        @Test
        void requestCarriesOriginSubprotocolsAndExtraHeaders() throws Exception {
            CompletableFuture<RawWebSocket> accepted = acceptRaw("");
            Session session = WebSocketClient.connect(rawUri(), new RecordingHandler(), ClientOptions.defaults()
                    .origin("http://app.example").subprotocols("chat").header("Authorization", "Bearer t0ken"));
            try (RawWebSocket peer = accepted.get(5, TimeUnit.SECONDS)) {
                String request = peer.responseHead();
                assertThat(request).startsWith("GET /raw HTTP/1.1\r\n");
                assertThat(request).containsIgnoringCase("Origin: http://app.example\r\n")
                        .containsIgnoringCase("Sec-WebSocket-Protocol: chat\r\n")
                        .containsIgnoringCase("Authorization: Bearer t0ken\r\n")
                        .containsIgnoringCase("Host: 127.0.0.1:" + rawServer.getLocalPort() + "\r\n");
                assertThat(session.subprotocol()).as("the server chose none").isEmpty();
            }
        }

        @Test
        void everyClientFrameIsMasked() throws Exception {
            CompletableFuture<RawWebSocket> accepted = acceptRaw("");
            Session session = WebSocketClient.connect(rawUri(), new RecordingHandler());
            try (RawWebSocket peer = accepted.get(5, TimeUnit.SECONDS)) {
                session.sendText("masked?");
                RawFrame frame = peer.readFrame();
                assertThat(frame.masked()).as("RFC 6455 §5.3: a client MUST mask").isTrue();
                assertThat(frame.text()).isEqualTo("masked?");
            }
        }

        @Test
        void serverThatNeverAnswers_hitsTheHandshakeTimeout() throws Exception {
            rawServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            long started = System.nanoTime();
            assertThatThrownBy(() -> WebSocketClient.connect(rawUri(), new RecordingHandler(),
                    ClientOptions.defaults().handshakeTimeout(Duration.ofMillis(300))))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }

        @Test
        void wrongAcceptKey_isRefused() throws Exception {
            rawServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
                try (Socket socket = rawServer.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    socket.getInputStream().read();
                } catch (IOException ignored) {
                    // the client hung up, as it should
                }
            });
            assertThatThrownBy(() -> WebSocketClient.connect(rawUri(), new RecordingHandler()))
                    .isInstanceOf(HttpException.class);
            answered.get(5, TimeUnit.SECONDS);
        }

        @Test
        void heartbeatWithoutPongs_failsTheConnection() throws Exception {
            CompletableFuture<RawWebSocket> accepted = acceptRaw("");
            RecordingHandler handler = new RecordingHandler();
            Session session = WebSocketClient.connect(rawUri(), handler,
                    ClientOptions.defaults().heartbeat(Duration.ofMillis(100), Duration.ofMillis(200)));
            RawWebSocket peer = accepted.get(5, TimeUnit.SECONDS);
            try {
                assertThat(peer.readFrame().opcode()).as("the client's heartbeat ping").isEqualTo(0x9);
                RawFrame close;
                do {
                    close = peer.readFrame();
                } while (close.opcode() != 0x8);
                assertThat(close.closeCode()).isEqualTo(1011);
            } finally {
                peer.close(); // the dead-looking server finally closes TCP
            }
            assertThat(session.closeFuture().get(5, TimeUnit.SECONDS).clean()).isFalse();
            assertThat(handler.errors).isNotEmpty();
        }
    }
}
