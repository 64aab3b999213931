package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.TestEchoHandler;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/** The server's opening handshake (RFC 6455 §4.2): routing, admission, policy, deadlines. */
@Timeout(30)
@ExtendWith(StopAfterEachExtension.class)
class UpgradeHandlerTest {

    @StopAfterEach
    private WebSocketServer server;

    private WebSocketServer start(WebSocketServer.Builder builder) throws IOException {
        server = builder.start();
        return server;
    }

    private WebSocketServer echoServer() throws IOException {
        return start(WebSocketServer.builder()
                .endpoint(Endpoint.at("/chat", new TestEchoHandler()).subprotocols("chat", "superchat"))
                .endpoint(Endpoint.at("/private", new TestEchoHandler()).allowedOrigins("http://good.example")));
    }

    @Nested
    class Routing {
        @Test
        void upgradeToTheRegisteredPath_gets101WithTheAcceptKey() throws IOException {
            echoServer();
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), "/chat", ""))) {
                assertThat(ws.status()).isEqualTo(101);
                // RFC 6455 §1.3: the sample key's accept value.
                assertThat(ws.responseHead()).containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            }
        }

        @Test
        void unknownPath_gets404() throws IOException {
            echoServer();
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), "/nowhere", ""))) {
                assertThat(ws.status()).isEqualTo(404);
            }
        }

        @Test
        void queryString_doesNotChangeTheRoute() throws IOException {
            echoServer();
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(),
                    RawWebSocket.upgradeRequest(server.port(), "/chat?room=1", ""))) {
                assertThat(ws.status()).isEqualTo(101);
            }
        }

        @Test
        void framesSentRightBehindTheRequest_areNotLost() throws IOException {
            echoServer();
            byte[] request = RawWebSocket.upgradeRequest(server.port(), "/chat", "").getBytes(StandardCharsets.ISO_8859_1);
            byte[] frame = RawWebSocket.frame(true, 0, 0x1, "early".getBytes(StandardCharsets.UTF_8), true);
            byte[] both = new byte[request.length + frame.length];
            System.arraycopy(request, 0, both, 0, request.length);
            System.arraycopy(frame, 0, both, request.length, frame.length);
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(), new String(both, StandardCharsets.ISO_8859_1))) {
                assertThat(ws.status()).isEqualTo(101);
                assertThat(ws.readFrame().text()).isEqualTo("early");
            }
        }
    }

    @Nested
    class Policy {
        @Test
        void refusedOrigin_gets403() throws IOException {
            echoServer();
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(),
                    RawWebSocket.upgradeRequest(server.port(), "/private", "Origin: http://evil.example\r\n"))) {
                assertThat(ws.status()).isEqualTo(403);
            }
        }

        @Test
        void allowedOrigin_gets101() throws IOException {
            echoServer();
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(),
                    RawWebSocket.upgradeRequest(server.port(), "/private", "Origin: http://good.example\r\n"))) {
                assertThat(ws.status()).isEqualTo(101);
            }
        }

        @Test
        void subprotocol_isChosenInTheClientsOrder() throws IOException {
            echoServer();
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), "/chat",
                    "Sec-WebSocket-Protocol: unknown, superchat, chat\r\n"))) {
                assertThat(ws.status()).isEqualTo(101);
                assertThat(ws.responseHead()).containsIgnoringCase("Sec-WebSocket-Protocol: superchat\r\n");
            }
        }

        @Test
        void noCommonSubprotocol_opensWithoutOne() throws IOException {
            echoServer();
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), "/chat",
                    "Sec-WebSocket-Protocol: mqtt\r\n"))) {
                assertThat(ws.status()).isEqualTo(101);
                assertThat(ws.responseHead()).doesNotContainIgnoringCase("Sec-WebSocket-Protocol");
            }
        }

        @Test
        void wrongVersion_gets426WithTheSupportedVersion() throws IOException {
            echoServer();
            String request = RawWebSocket.upgradeRequest(server.port(), "/chat", "")
                    .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8");
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(), request)) {
                assertThat(ws.status()).isEqualTo(426);
                assertThat(ws.responseHead()).containsIgnoringCase("Sec-WebSocket-Version: 13");
            }
        }

        @Test
        void plainHttpGet_isRefused() throws IOException {
            echoServer();
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(),
                    "GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
                assertThat(ws.status()).isIn(400, 426);
            }
        }

        @Test
        void oversizedHeaders_areRefusedWith4xx() throws IOException {
            echoServer();
            String huge = "X-Padding: " + "a".repeat(9_000) + "\r\n";
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(),
                    RawWebSocket.upgradeRequest(server.port(), "/chat", huge))) {
                assertThat(ws.status()).isBetween(400, 499);
            }
        }
    }

    @Nested
    class Admission {
        @Test
        void pastMaxConnections_gets503_andASlotFreesWhenOneCloses() throws IOException {
            start(WebSocketServer.builder().endpoint("/", new TestEchoHandler()).maxConnections(1));
            RawWebSocket first = RawWebSocket.connect(server.port(), "/");
            try (RawWebSocket second = RawWebSocket.exchange(server.port(),
                    RawWebSocket.upgradeRequest(server.port(), "/", ""))) {
                assertThat(second.status()).isEqualTo(503);
            }
            first.sendClose(1000, "");
            first.expectCloseAndTcpClose();
            first.close();
            assertThat(connectsWithin(Duration.ofSeconds(5))).as("a slot is free again after the close").isTrue();
        }

        @Test
        void silentConnectionsCountToo_theNextOneGets503() throws IOException {
            start(WebSocketServer.builder().endpoint("/", new TestEchoHandler()).maxConnections(1));
            try (java.net.Socket silent = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
                // Wait (bounded) until the server has accepted the silent connection, so the
                // second one is certainly the extra one and not first in the accept queue.
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (server.activeConnections() < 1 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(server.activeConnections()).as("the silent connection was accepted").isEqualTo(1);
                try (RawWebSocket next = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), "/", ""))) {
                assertThat(next.status()).as("a second TCP connection while one is open, even silent").isEqualTo(503);
                silent.getOutputStream().write(RawWebSocket.upgradeRequest(server.port(), "/", "")
                        .getBytes(StandardCharsets.ISO_8859_1));
                silent.setSoTimeout(5_000);
                String head = new String(silent.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                assertThat(head).as("the silent one may still finish its handshake").isEqualTo("HTTP/1.1 101");
                }
            }
        }

        /** Retries the handshake until 101 or the deadline (the slot is released just after TCP close). */
        private boolean connectsWithin(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), "/", ""))) {
                    if (ws.status() == 101) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Test
        void slowClient_isCutAtTheHandshakeDeadline() throws IOException {
            start(WebSocketServer.builder().endpoint("/", new TestEchoHandler())
                    .handshakeTimeout(Duration.ofMillis(300)));
            try (RawWebSocket slow = RawWebSocket.exchange(server.port(), "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")) {
                long started = System.nanoTime();
                // The partial request never ends; the server answers 408 and closes at the deadline.
                assertThat(slow.status()).isEqualTo(408);
                InputStream in = slow.socket().getInputStream();
                in.readAllBytes(); // the short text body, then end-of-stream (a read timeout would throw)
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            }
        }

        @Test
        void stoppingServer_refusesUpgradesWith503OrClosesTheListener() throws IOException {
            start(WebSocketServer.builder().endpoint("/", new TestEchoHandler()));
            int port = server.port();
            server.stop(Duration.ofSeconds(1));
            try (RawWebSocket ws = RawWebSocket.exchange(port, RawWebSocket.upgradeRequest(port, "/", ""))) {
                assertThat(ws.status()).isEqualTo(503);
            } catch (java.net.ConnectException refused) {
                // Also fine: the listening socket is already closed.
            }
        }
    }
}
