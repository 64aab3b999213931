package org.socketlab.websocket.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.RawHttp;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RecordingHandler;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/** The README's routing demo: token check, whoami, sendmessage, $default, @connections. */
@Timeout(20)
@ExtendWith(StopAfterEachExtension.class)
class RoutesServerTest {

    private static final String KEY = "demo-key-0123456789abcdef";
    @StopAfterEach
    private WebSocketServer server;

    @Test
    void tokenRoutesAndConnections() throws Exception {
        server = RoutesServer.start("127.0.0.1", 0, "/", KEY, "secret");
        try (RawWebSocket refused = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), "/", ""))) {
            assertThat(refused.status()).isEqualTo(401);
        }
        RecordingHandler handler = new RecordingHandler();
        Session session = WebSocketClient.connect(URI.create(server.uri("/?token=secret")), handler);
        session.sendText("{\"action\":\"whoami\"}");
        String whoami = (String) handler.nextMessage(Duration.ofSeconds(5));
        String id = whoami.replaceAll(".*\"connectionId\":\"([^\"]+)\".*", "$1");
        session.sendText("{\"action\":\"sendmessage\",\"text\":\"hi\"}");
        assertThat(handler.nextMessage(Duration.ofSeconds(5))).isEqualTo("{\"from\":\"" + id + "\",\"text\":\"hi\"}");
        session.sendText("what?");
        assertThat((String) handler.nextMessage(Duration.ofSeconds(5))).contains("unknown action");
        assertThat(RawHttp.send(server.port(), "POST", "/@connections/" + id, "x-api-key: " + KEY + "\r\n", "note")
                .status()).isEqualTo(200);
        assertThat(handler.nextMessage(Duration.ofSeconds(5))).isEqualTo("note");
        session.close();
    }
}
