package org.socketlab.websocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.server.ConnectionThreads;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RecordingHandler;
import org.socketlab.websocket.testing.ResourceProbe;
import org.socketlab.websocket.testing.TestEchoHandler;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/**
 * Peers that vanish without a close handshake: a TCP reset in the middle of a frame, and a
 * half-open peer that stops reading and answering (found by the pong timeout). Either way the
 * server must free everything the connection held: the session, its reader and writer threads
 * (virtual threads included) and its socket's file descriptor — counted before and after.
 */
@Timeout(30)
@ExtendWith(StopAfterEachExtension.class)
class AbruptDropsTest {

    private static final Duration FREED_WITHIN = Duration.ofSeconds(10);
    @StopAfterEach
    private WebSocketServer server;
    private RecordingHandler handler;
    private int baselineFds;
    private int baselineThreads;

    @BeforeEach
    void startAndCount() throws IOException {
        handler = new RecordingHandler();
        server = WebSocketServer.builder().endpoint("/", handler).endpoint("/warm", new TestEchoHandler())
                .pingInterval(Duration.ofMillis(200)).pongTimeout(Duration.ofMillis(400)).start();
        // Warm-up connection, so lazily opened JDK resources are not mistaken for a leak.
        try (RawWebSocket warm = RawWebSocket.connect(server.port(), "/warm")) {
            warm.sendClose(1000, "");
            warm.readFrame(); // the server's ping or its close reply
        } catch (java.io.EOFException closedMeanwhile) {
            // fine: only the warm-up matters
        }
        assertThat(ResourceProbe.await(FREED_WITHIN, () -> server.activeConnections() == 0)).isTrue();
        baselineFds = ResourceProbe.openFileDescriptors();
        baselineThreads = ResourceProbe.connectionThreads();
    }

    @Test
    void resetInTheMiddleOfAFrame_freesSessionThreadsAndDescriptor() throws Exception {
        RawWebSocket ws = RawWebSocket.connect(server.port(), "/");
        assertThat(ResourceProbe.await(FREED_WITHIN, () -> server.sessions().size() == 1)).isTrue();
        if (ConnectionThreads.configuredDefault() != ConnectionThreads.EVENT_LOOP) {
            // A thread per connection: the probe must see it (on an event loop there is none to see).
            assertThat(ResourceProbe.connectionThreads()).as("reader + writer of the open connection")
                    .isGreaterThan(baselineThreads);
        }
        byte[] frame = RawWebSocket.frame(true, 0, 0x2, new byte[10_000], true);
        ws.sendRaw(java.util.Arrays.copyOf(frame, frame.length / 2)); // half a frame...
        Socket socket = ws.socket();
        socket.setSoLinger(true, 0); // ...then close with RST instead of FIN
        socket.close();

        CloseStatus status = handler.closed.get(10, TimeUnit.SECONDS);
        assertThat(status.code()).as("abnormal closure reported to the handler").isEqualTo(1006);
        assertFreed();
    }

    @Test
    void halfOpenPeer_isFoundByThePongTimeout_andFreed() throws Exception {
        try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/")) {
            // The peer's host "vanished": it never reads or answers again (a pulled cable looks
            // the same to TCP until something is sent). Only the heartbeat can notice.
            CloseStatus status = handler.closed.get(10, TimeUnit.SECONDS);
            assertThat(status.code()).as("pong timeout, RFC 6455 §7.4.1 1011 or abnormal 1006").isIn(1011, 1006);
            assertThat(ResourceProbe.await(FREED_WITHIN, () -> server.activeConnections() == 0
                    && ResourceProbe.connectionThreads() <= baselineThreads))
                    .as("server side freed while the half-open peer still holds its socket").isTrue();
        }
        assertFreed();
    }

    private void assertFreed() {
        boolean freed = ResourceProbe.await(FREED_WITHIN, () -> server.sessions().isEmpty()
                && server.activeConnections() == 0
                && ResourceProbe.connectionThreads() <= baselineThreads
                && ResourceProbe.openFileDescriptors() <= baselineFds);
        assertThat(freed).as("sessions %d, connections %d, connection threads %d (before %d), fds %d (before %d)",
                server.sessions().size(), server.activeConnections(), ResourceProbe.connectionThreads(), baselineThreads,
                ResourceProbe.openFileDescriptors(), baselineFds).isTrue();
    }
}
