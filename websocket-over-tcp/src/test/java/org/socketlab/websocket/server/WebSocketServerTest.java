package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RawWebSocket.RawFrame;
import org.socketlab.websocket.testing.RecordingHandler;
import org.socketlab.websocket.testing.TestEchoHandler;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/** Heartbeat, timeouts, backpressure, broadcast, graceful shutdown and handler failures. */
@Timeout(30)
@ExtendWith(StopAfterEachExtension.class)
class WebSocketServerTest {

    @StopAfterEach
    private WebSocketServer server;

    @Nested
    class Timers {
        @Test
        void peerThatNeverAnswersPings_isFailedWith1011AfterThePongTimeout() throws Exception {
            RecordingHandler handler = new RecordingHandler();
            server = WebSocketServer.builder().endpoint("/", handler)
                    .pingInterval(Duration.ofMillis(200)).pongTimeout(Duration.ofMillis(300)).start();
            try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/")) {
                RawFrame ping = ws.readFrame();
                assertThat(ping.opcode()).as("the server's heartbeat ping").isEqualTo(0x9);
                // A dead peer: we never answer. The server gives up with 1011 and closes TCP.
                RawFrame close = ws.expectCloseAndTcpClose();
                assertThat(close.closeCode()).isEqualTo(1011);
            }
            CloseStatus status = handler.closed.get(5, TimeUnit.SECONDS);
            assertThat(status.code()).isIn(1011, 1006);
            assertThat(handler.errors).as("the pong timeout is reported to onError").isNotEmpty();
        }

        @Test
        void peerThatAnswersPings_staysOpen() throws Exception {
            server = WebSocketServer.builder().endpoint("/", new TestEchoHandler())
                    .pingInterval(Duration.ofMillis(100)).pongTimeout(Duration.ofMillis(300)).start();
            try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/")) {
                for (int i = 0; i < 5; i++) {
                    RawFrame ping = ws.readFrame();
                    assertThat(ping.opcode()).isEqualTo(0x9);
                    ws.sendFrame(0xA, ping.payload());
                }
                ws.sendText("still here");
                RawFrame frame;
                do {
                    frame = ws.readFrame();
                } while (frame.opcode() == 0x9);
                assertThat(frame.text()).isEqualTo("still here");
            }
        }

        @Test
        void closeFromAnotherThread_toAPeerThatNeverAnswers_endsAfterTheCloseTimeout() throws Exception {
            // The reader is blocked in a read without a timeout; close() on this (test) thread
            // starts the close timer (RFC 6455 §7.1.1), which must still wake up and end the session.
            RecordingHandler handler = new RecordingHandler();
            server = WebSocketServer.builder().endpoint("/", handler)
                    .closeTimeout(Duration.ofMillis(300)).start();
            try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/")) {
                Session session = handler.opened.get(5, TimeUnit.SECONDS);
                long start = System.nanoTime();
                session.close(1000, "bye");
                RawFrame close = ws.readFrame();
                assertThat(close.closeCode()).as("our close frame").isEqualTo(1000);
                // We never answer: the server must give up after its close timeout and close TCP.
                CloseStatus status = handler.closed.get(5, TimeUnit.SECONDS);
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(status.clean()).as("no close frame came back").isFalse();
                assertThat(tookMillis).as("ms until the session ended").isGreaterThanOrEqualTo(300);
                ws.expectTcpClose();
            }
        }

        @Test
        void silentPeer_isClosedWith1001AfterTheIdleTimeout() throws Exception {
            server = WebSocketServer.builder().endpoint("/", new TestEchoHandler())
                    .idleTimeout(Duration.ofMillis(300)).start();
            try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/")) {
                assertThat(ws.expectCloseAndTcpClose().closeCode()).isEqualTo(1001);
            }
        }
    }

    @Nested
    class Backpressure {

        private static final int MESSAGE = 64 * 1024;
        private static final long LIMIT = 256 * 1024;

        /**
         * A peer that upgrades and then reads nothing. {@code sendTimeout} is how long a sender
         * may wait for queue space before the server aborts the connection.
         */
        private Session openSlowReader(Socket[] rawHolder, Duration sendTimeout) throws Exception {
            RecordingHandler handler = new RecordingHandler();
            server = WebSocketServer.builder().endpoint("/", handler).maxBufferedBytes(LIMIT)
                    .configure(c -> c.withSendTimeout(sendTimeout)).start();
            Socket raw = new Socket();
            raw.setReceiveBufferSize(16 * 1024); // a small window: the kernel holds little for us
            raw.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            raw.getOutputStream().write(RawWebSocket.upgradeRequest(server.port(), "/", "").getBytes());
            rawHolder[0] = raw;
            return handler.opened.get(5, TimeUnit.SECONDS);
        }

        @Test
        void slowReader_boundsTheQueue_andAsyncSendsCompleteOnlyWhenRead() throws Exception {
            Socket[] raw = new Socket[1];
            // A send timeout far beyond the test: the queue must stay full until we look at it.
            // (With a short one, a main thread slowed by a loaded machine could first look after
            // the sender had given up and aborted the connection, seeing a frozen, part-full queue.)
            Session session = openSlowReader(raw, Duration.ofSeconds(60));
            ByteBuffer payload = ByteBuffer.allocate(MESSAGE);
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int i = 0; i < 400; i++) { // 25 MiB: far more than socket buffers hold
                sends.add(session.sendBinaryAsync(payload.duplicate()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (session.bufferedAmount() < LIMIT && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the writer fills the kernel buffers, then the queue
            }
            long buffered = session.bufferedAmount();
            assertThat(buffered).as("the queue reached its limit").isGreaterThanOrEqualTo(LIMIT);
            assertThat(buffered).as("and never holds more than the limit plus one message")
                    .isLessThanOrEqualTo(LIMIT + MESSAGE + 14);
            assertThat(sends.getLast()).as("the last send waits for the reader").isNotDone();

            // The peer starts reading: everything drains, every future completes.
            Thread.ofVirtual().start(() -> drain(raw[0]));
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            assertThat(session.bufferedAmount()).isZero();
            raw[0].close();
        }

        @Test
        void blockingSendToAStalledPeer_timesOutAndAbortsTheConnection() throws Exception {
            Socket[] raw = new Socket[1];
            Session session = openSlowReader(raw, Duration.ofMillis(500));
            ByteBuffer payload = ByteBuffer.allocate(MESSAGE);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 1_000; i++) {
                    session.sendBinary(payload.duplicate());
                }
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("read nothing");
            assertThat(session.closeFuture().get(5, TimeUnit.SECONDS).code()).isEqualTo(1006);
            raw[0].close();
        }

        private static void drain(Socket socket) {
            byte[] sink = new byte[64 * 1024];
            try {
                while (socket.getInputStream().read(sink) >= 0) {
                    // discard
                }
            } catch (IOException closed) {
                // the test closed the socket
            }
        }
    }

    @Nested
    class SessionsAndShutdown {

        @Test
        void broadcast_reachesEveryOpenSession() throws Exception {
            CountDownLatch opened = new CountDownLatch(3);
            server = WebSocketServer.builder().endpoint("/", new WebSocketHandler() {
                @Override
                public void onOpen(Session session) {
                    opened.countDown();
                }
            }).start();
            List<RawWebSocket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    clients.add(RawWebSocket.connect(server.port(), "/"));
                }
                assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(server.sessions()).hasSize(3);
                WebSocketServer.broadcast(server.sessions(), "news").get(5, TimeUnit.SECONDS);
                for (RawWebSocket client : clients) {
                    assertThat(client.readFrame().text()).isEqualTo("news");
                }
            } finally {
                for (RawWebSocket client : clients) {
                    client.close();
                }
            }
        }

        @Test
        void gracefulStop_sendsEverySession1001AndWaitsForTheCloseHandshake() throws Exception {
            CountDownLatch opened = new CountDownLatch(2);
            server = WebSocketServer.builder().endpoint("/", new WebSocketHandler() {
                @Override
                public void onOpen(Session session) {
                    opened.countDown();
                }
            }).start();
            try (RawWebSocket a = RawWebSocket.connect(server.port(), "/");
                 RawWebSocket b = RawWebSocket.connect(server.port(), "/")) {
                assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();
                CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> server.stop(Duration.ofSeconds(5)));
                assertThat(a.expectCloseAndTcpClose().closeCode()).isEqualTo(1001);
                assertThat(b.expectCloseAndTcpClose().closeCode()).isEqualTo(1001);
                assertThat(stopped.get(10, TimeUnit.SECONDS)).as("every session finished within the grace period").isTrue();
            }
        }

        @Test
        void handlerThatThrows_closesTheSessionWith1011() throws Exception {
            server = WebSocketServer.builder().endpoint("/", new WebSocketHandler() {
                @Override
                public void onText(Session session, String text) {
                    throw new IllegalStateException("bug in the application");
                }
            }).start();
            try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/")) {
                ws.sendText("boom");
                assertThat(ws.expectCloseAndTcpClose().closeCode()).isEqualTo(1011);
            }
        }

        @Test
        void session_exposesIdAddressPathSubprotocolAndAttributes() throws Exception {
            RecordingHandler handler = new RecordingHandler();
            server = WebSocketServer.builder().endpoint(Endpoint.at("/room", handler).subprotocols("chat")).start();
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(),
                    RawWebSocket.upgradeRequest(server.port(), "/room", "Sec-WebSocket-Protocol: chat\r\n"))) {
                Session session = handler.opened.get(5, TimeUnit.SECONDS);
                assertThat(session.id()).startsWith("ws-");
                assertThat(session.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
                assertThat(session.path()).isEqualTo("/room");
                assertThat(session.subprotocol()).contains("chat");
                session.attributes().put("user", "ada");
                assertThat(session.attributes()).containsEntry("user", "ada");
                assertThat(session.isOpen()).isTrue();
                session.close(4000, "bye");
                assertThat(ws.expectCloseAndTcpClose().closeCode()).isEqualTo(4000);
                assertThat(session.closeFuture().get(5, TimeUnit.SECONDS).clean()).isTrue();
                assertThat(session.isOpen()).isFalse();
                assertThatThrownBy(() -> session.sendText("late")).isInstanceOf(IllegalStateException.class);
            }
        }
    }
}
