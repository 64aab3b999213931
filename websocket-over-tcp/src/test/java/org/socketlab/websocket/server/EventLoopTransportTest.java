package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.testing.Payloads;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RawWebSocket.RawFrame;
import org.socketlab.websocket.testing.ResourceProbe;
import org.socketlab.websocket.testing.TestEchoHandler;

/**
 * What the event-loop transport does that the blocking one does with threads: handlers on a
 * loop thread, no thread per idle connection, sends from other threads wake the loop, partial
 * writes resume on {@code OP_WRITE}, timers fire on the loop, and a closed connection gives its
 * slot back to the TCP server. Floods, stalls and resets are the hostile suite's cases, which the
 * build runs on the event loop too (the {@code event-loop} Surefire execution).
 */
@Timeout(30)
class EventLoopTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private WebSocketServer server;
    private final List<RawWebSocket> clients = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (RawWebSocket client : clients) {
            client.close();
        }
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    private WebSocketServer.Builder onLoop(WebSocketHandler handler) {
        return WebSocketServer.builder().connectionThreads(ConnectionThreads.EVENT_LOOP).endpoint("/", handler);
    }

    private RawWebSocket connect() throws IOException {
        RawWebSocket client = RawWebSocket.connect(server.port(), "/");
        clients.add(client);
        return client;
    }

    /** Remembers the thread of the first callback and the session, for sends from elsewhere. */
    private static final class Observing extends TestEchoHandler {
        final CompletableFuture<String> thread = new CompletableFuture<>();
        final CompletableFuture<Session> opened = new CompletableFuture<>();

        @Override
        public void onOpen(Session session) {
            thread.complete(Thread.currentThread().getName());
            opened.complete(session);
        }
    }

    @Test
    void handlersRunOnALoopThread_andIdleConnectionsOwnNoThread() throws Exception {
        Observing handler = new Observing();
        server = onLoop(handler).start();
        int threadsBefore = ResourceProbe.connectionThreads();
        for (int i = 0; i < 40; i++) {
            RawWebSocket client = connect();
            client.sendText("hello " + i);
            assertThat(client.readFrame().text()).isEqualTo("hello " + i);
        }
        assertThat(handler.thread.get(5, TimeUnit.SECONDS)).as("thread running onOpen").startsWith("ws-loop-");
        boolean settled = ResourceProbe.await(WAIT, () -> ResourceProbe.connectionThreads() <= threadsBefore);
        assertThat(settled).as("connection threads with 40 idle connections on the loops: expected at most %d, got %d",
                threadsBefore, ResourceProbe.connectionThreads()).isTrue();
    }

    @Test
    void aSendFromAnotherThread_wakesTheLoop() throws Exception {
        Observing handler = new Observing();
        server = onLoop(handler).start();
        RawWebSocket client = connect();
        Session session = handler.opened.get(5, TimeUnit.SECONDS);
        Thread.ofPlatform().start(() -> session.sendText("from elsewhere")).join();
        assertThat(client.readFrame().text()).isEqualTo("from elsewhere");
        session.close(4000, "bye");
        assertThat(client.expectCloseAndTcpClose().closeCode()).isEqualTo(4000);
    }

    @Test
    void aMessageLargerThanTheSocketBuffers_isWrittenInPartsAndArrivesWhole() throws Exception {
        server = onLoop(new TestEchoHandler()).maxMessageSize(8L << 20).maxFramePayload(8L << 20)
                .maxBufferedBytes(16L << 20).start();
        RawWebSocket client = connect();
        byte[] payload = Payloads.binary(6 << 20);
        client.sendFrame(0x2, payload);
        RawFrame echo = client.readMessage();
        assertThat(echo.payload()).as("6 MiB echo").isEqualTo(payload);
    }

    @Test
    void pingIntervalAndCloseTimeoutRunOnTheLoop() throws Exception {
        server = onLoop(new TestEchoHandler()).pingInterval(Duration.ofMillis(200)).start();
        RawWebSocket client = connect();
        RawFrame ping = client.readFrame();
        assertThat(ping.opcode()).as("opcode of the first frame after 200 ms of silence").isEqualTo(0x9);
    }

    @Test
    void aClosedConnectionGivesItsSlotBack() throws Exception {
        server = onLoop(new TestEchoHandler()).maxConnections(1).start();
        for (int i = 0; i < 3; i++) {
            RawWebSocket client = RawWebSocket.connect(server.port(), "/");
            assertThat(client.status()).as("status of connection %d with maxConnections 1", i).isEqualTo(101);
            client.sendClose(1000, "");
            assertThat(client.expectCloseAndTcpClose().closeCode()).isEqualTo(1000);
            client.close();
            assertThat(ResourceProbe.await(WAIT, () -> server.activeConnections() == 0))
                    .as("open connections after close %d: %d", i, server.activeConnections()).isTrue();
        }
    }

    @Test
    void stopSends1001ToEverySession() throws Exception {
        CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
        server = onLoop(new WebSocketHandler() {
            @Override
            public void onClose(Session session, CloseStatus status) {
                closed.complete(status);
            }
        }).start();
        RawWebSocket client = connect();
        CompletableFuture<RawFrame> close = CompletableFuture.supplyAsync(() -> {
            try {
                RawFrame frame = client.readFrame();
                client.sendClose(frame.closeCode(), "");
                return frame;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(server.stop(Duration.ofSeconds(5))).as("every connection finished within the grace").isTrue();
        assertThat(close.get(5, TimeUnit.SECONDS).closeCode()).isEqualTo(1001);
        assertThat(closed.get(5, TimeUnit.SECONDS).code()).as("handler's onClose code").isEqualTo(1001);
        server = null;
    }
}
