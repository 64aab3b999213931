package org.socketlab.websocket.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.testing.PeerProcess;

/**
 * The official npm socket.io-client 4.x against our server, unchanged, in its three transport
 * set-ups: default (polling, then upgrade to WebSocket), WebSocket only, and polling only (the
 * fallback). One Node run per set-up performs every check (see peers/socketio_client.js).
 */
class SocketIoInteropTest {

    private static final List<String> CHECKS = List.of("connect", "transport", "event-with-ack", "server-event",
            "server-ack", "ack-timeout", "binary", "binary-event", "namespace-auth", "namespace-refused", "namespace-unknown", "rooms",
            "reconnect", "heartbeat", "server-disconnect");

    private SocketIoFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new SocketIoFixture(Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest(name = "socket.io-client with transports={0}")
    @ValueSource(strings = {"default", "websocket", "polling"})
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void officialClientPassesEveryCheck(String mode) throws Exception {
        List<String> lines;
        try (PeerProcess client = SocketIoPeers.startClient(fixture.url(), mode)) {
            client.awaitLine(line -> line.equals("DONE"), Duration.ofSeconds(30));
            lines = client.awaitExit(Duration.ofSeconds(10));
            assertThat(lines).as(client.describe()).noneMatch(line -> line.startsWith("FAIL"));
            for (String check : CHECKS) {
                assertThat(lines).as(client.describe()).contains("PASS " + check);
            }
        }
        assertThat(fixture.questionReplies.poll(5, TimeUnit.SECONDS)).isEqualTo("answer to life");
        assertThat(fixture.disconnectReasons.poll(5, TimeUnit.SECONDS)).isNotNull();
    }
}
