package org.socketlab.websocket.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.socketio.testsuite.ProtocolSuiteHandlers;

/**
 * The behaviour the socket.io-protocol test suite checks, with {@link ProtocolSuiteHandlers}
 * mounted: the CONNECT payload comes back exactly as sent, events and acks echo their
 * arguments, a custom namespace answers too.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
class ProtocolSuiteBehaviourTest {

    private final BlockingQueue<SocketIoSocket> connections = new LinkedBlockingQueue<>();
    private SocketIoServer server;

    private void start() throws Exception {
        server = ProtocolSuiteHandlers.mount(SocketIoServer.builder().build());
        server.of("/").on("connection", connections::add);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void authIsEchoedExactlyAsSent_keyOrderNumberFormsAndBigNumbers() throws Exception {
        start();
        String auth = "{\"z\":1.0,\"a\":[1e3,12345678901234567890123,0.1000],\"m\":{\"y\":null,\"b\":true},\"s\":\"\\u00e9\"}";
        PollingClient client = new PollingClient(server.port());
        client.send("40" + auth);
        assertThat(client.await(p -> p.startsWith("40"))).startsWith("40{\"sid\":\"");
        assertThat(client.await(p -> p.startsWith("42"))).isEqualTo("42[\"auth\"," + auth + "]");
        SocketIoSocket socket = connections.poll(5, TimeUnit.SECONDS);
        assertThat(socket).isNotNull();
        assertThat(socket.auth().keySet()).containsExactly("z", "a", "m", "s");
        assertThat(socket.auth().get("z")).isEqualTo(new BigDecimal("1.0"));
        assertThat(socket.authJson()).isEqualTo(auth);
    }

    @Test
    void noAuth_isAnEmptyObject_onTheMainAndACustomNamespace() throws Exception {
        start();
        PollingClient client = new PollingClient(server.port());
        client.connect("/");
        assertThat(client.await(p -> p.startsWith("42"))).isEqualTo("42[\"auth\",{}]");
        client.send("40/custom,{\"token\":\"abc\"}");
        assertThat(client.await(p -> p.startsWith("40/custom,"))).startsWith("40/custom,{\"sid\":");
        assertThat(client.await(p -> p.startsWith("42/custom,"))).isEqualTo("42/custom,[\"auth\",{\"token\":\"abc\"}]");
    }

    @Test
    void messagesEchoBack_andAcksCarryTheArguments() throws Exception {
        start();
        PollingClient client = new PollingClient(server.port());
        client.connect("/");
        client.await(p -> p.startsWith("42[\"auth\""));
        client.send("42[\"message\",1,\"2\",{\"3\":[true]}]");
        assertThat(client.await(p -> p.startsWith("42"))).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
        client.send("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        assertThat(client.await(p -> p.startsWith("43"))).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
    }
}
