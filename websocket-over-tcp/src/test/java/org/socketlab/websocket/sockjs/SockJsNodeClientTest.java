package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.demo.SockJsServer;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.Peers;

/**
 * The official {@code sockjs-client} 1.6 in Node, one transport forced at a time (the ones it
 * enables in Node: the others need a browser's document and are covered by
 * {@link SockJsBrowserTest}): ASCII, Unicode (escapes SockJS requires, a surrogate pair, NUL)
 * and a 64 KiB message come back in order, and a session of {@code /close} ends with the
 * server's 3000 "Go away!". The 4,096-byte stream limit makes xhr-streaming and eventsource
 * reconnect in the middle of the 64 KiB message's exchange.
 */
@Timeout(90)
class SockJsNodeClientTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static SockJsServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SockJsServer.start("127.0.0.1", 0, SockJsOptions.defaults().withStreamBytesLimit(4096));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "sockjs-client over {0}")
    @ValueSource(strings = {"websocket", "xhr-streaming", "xhr-polling", "eventsource"})
    void officialClient_echoesInOrder_andSeesTheServersCloseCode(String transport) throws Exception {
        Peers.requireNodeModule("sockjs-client");
        try (PeerProcess client = Peers.startNode("sockjs_client.js", server.baseUrl(), transport)) {
            List<String> lines = client.awaitExit(WAIT);
            assertThat(lines).as(client.describe()).containsExactly(
                    "OPEN " + transport,
                    "ECHO 0 5 ok",
                    "ECHO 1 34 ok",
                    "ECHO 2 65535 ok",
                    "CLOSE 3000 Go away!",
                    "DONE");
        }
    }
}
