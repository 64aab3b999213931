package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.Lab10PingPongClose;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.server.WebSocketServer;

/** Lab 10 — ping/pong, timeouts and close. Guide: labs/guides/10-ping-pong-close.md. */
@Timeout(20)
class Lab10PingPongCloseGradingTest {

    private static final String GUIDE = "labs/guides/10-ping-pong-close.md";
    private final LinkedBlockingQueue<CloseStatus> serverCloses = new LinkedBlockingQueue<>();
    private WebSocketServer server;

    @BeforeEach
    void start() throws IOException {
        server = Lab10PingPongClose.startServer(serverCloses);
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    private static String hint(String what, String section) {
        return what + " — read " + GUIDE + ", section \"" + section + "\"";
    }

    @Test
    @Points(2)
    @DisplayName("Your server answers a ping with a pong carrying the same payload")
    void pingGetsPong() throws IOException {
        try (WsWire wire = WsWire.upgrade(server.port(), "/", "")) {
            wire.send(0x9, "are you there?".getBytes(StandardCharsets.UTF_8));
            WsWire.Frame frame;
            do {
                frame = wire.read();
            } while (frame.opcode() == 0x9); // the server's own heartbeat pings may come first
            assertThat(frame.opcode()).as(hint("the answer to a ping must be a pong (opcode 0xA)", "Background"))
                    .isEqualTo(0xA);
            assertThat(new String(frame.payload(), StandardCharsets.UTF_8))
                    .as(hint("RFC 6455 §5.5.3: the pong echoes the ping's payload", "Background"))
                    .isEqualTo("are you there?");
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your server sends heartbeat pings at the configured interval")
    void heartbeatPings() throws IOException {
        try (WsWire wire = WsWire.upgrade(server.port(), "/", "")) {
            long start = System.nanoTime();
            WsWire.Frame frame = wire.read();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(frame.opcode()).as(hint("the first frame from a quiet connection should be a ping", "Step 1"))
                    .isEqualTo(0x9);
            assertThat(waited).as(hint("ping interval is " + Lab10PingPongClose.PING_INTERVAL, "Step 1"))
                    .isLessThan(Lab10PingPongClose.PING_INTERVAL.multipliedBy(4));
            wire.send(0xA, frame.payload());
        }
    }

    @Test
    @Points(3)
    @DisplayName("Your server detects a dead peer by the pong timeout, sends 1011 and closes TCP")
    void deadPeerDetected() throws Exception {
        try (WsWire wire = WsWire.upgrade(server.port(), "/", "")) {
            long start = System.nanoTime();
            WsWire.Frame close = wire.readUntilClose();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(close.closeCode()).as(hint("close code after an unanswered ping", "Step 2")).isEqualTo(1011);
            assertThat(waited).as(hint("interval + pong timeout is about "
                    + Lab10PingPongClose.PING_INTERVAL.plus(Lab10PingPongClose.PONG_TIMEOUT).toMillis() + " ms", "Step 2"))
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(wire.serverClosedTcp()).as(hint("after its close frame the server closes TCP", "Step 2")).isTrue();
        }
        assertThat(serverCloses.poll(5, TimeUnit.SECONDS)).as("onClose runs on the server").isNotNull();
    }

    @Test
    @Points(2)
    @DisplayName("Your server echoes a valid close code and then closes TCP first")
    void closeEchoed() throws IOException {
        try (WsWire wire = WsWire.upgrade(server.port(), "/", "")) {
            wire.sendClose(4000);
            assertThat(wire.readUntilClose().closeCode()).as(hint("close 4000 must be echoed", "Step 3")).isEqualTo(4000);
            assertThat(wire.serverClosedTcp()).as(hint("RFC 6455 §7.1.1: the server closes TCP first", "Background"))
                    .isTrue();
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your server answers a close code that may never be sent (1005) with 1002")
    void invalidCloseCode() throws IOException {
        try (WsWire wire = WsWire.upgrade(server.port(), "/", "")) {
            wire.sendClose(1005);
            assertThat(wire.readUntilClose().closeCode())
                    .as(hint("1005 is a local status only (RFC 6455 §7.4.1); on the wire it is a protocol error", "Step 3"))
                    .isEqualTo(1002);
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your client completes a clean close: code 1000, both close frames exchanged")
    void cleanClientClose() throws Exception {
        Session client = WebSocketClient.connect(URI.create(server.uri("/")), new WebSocketHandler() { });
        client.close(1000, "bye");
        CloseStatus status = client.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(status.code()).as(hint("the close code the client ends with", "Step 1")).isEqualTo(1000);
        assertThat(status.clean()).as(hint("clean = the closing handshake completed", "Step 1")).isTrue();
        assertThat(serverCloses.poll(5, TimeUnit.SECONDS).code()).isEqualTo(1000);
    }

    @Test
    @Points(2)
    @DisplayName("Stopping your server sends 1001 (going away) to every client")
    void gracefulShutdown() throws Exception {
        try (WsWire wire = WsWire.upgrade(server.port(), "/", "")) {
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> server.stop(Duration.ofSeconds(5)));
            WsWire.Frame close = wire.readUntilClose();
            assertThat(close.closeCode()).as(hint("close code during shutdown", "Experiments")).isEqualTo(1001);
            wire.sendClose(1001);
            assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
