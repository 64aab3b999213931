package org.socketlab.websocket.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void binaryAttachments_echoWithTheSamePlaceholders_andBinaryAcks() throws Exception {
        start();
        PollingClient client = new PollingClient(server.port());
        client.connect("/");
        client.await(p -> p.startsWith("42[\"auth\""));
        String placeholders = "{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}";
        client.send("452-[\"message\"," + placeholders + "]", "bAQID", "bBAUG");
        assertThat(client.await(p -> p.startsWith("45"))).isEqualTo("452-[\"message-back\"," + placeholders + "]");
        assertThat(client.await(p -> p.startsWith("b"))).isEqualTo("bAQID");
        assertThat(client.await(p -> p.startsWith("b"))).isEqualTo("bBAUG");
        client.send("452-789[\"message-with-ack\"," + placeholders + "]", "bAQID", "bBAUG");
        assertThat(client.await(p -> p.startsWith("46"))).isEqualTo("462-789[" + placeholders + "]");
        assertThat(client.await(p -> p.startsWith("b"))).isEqualTo("bAQID");
        assertThat(client.await(p -> p.startsWith("b"))).isEqualTo("bBAUG");
    }

    @Test
    void invalidPackets_closeTheConnection() throws Exception {
        start();
        for (String invalid : new String[] {"4abc", "42{}", "42abc[\"message-with-ack\",1]"}) {
            PollingClient client = new PollingClient(server.port());
            client.connect("/");
            client.await(p -> p.startsWith("42[\"auth\""));
            client.send(invalid);
            // The session is closed ("parse error") and forgotten at once: the next poll is refused.
            assertThatThrownBy(() -> client.await(p -> false)).as("poll after " + invalid)
                    .hasMessageContaining("400 {\"code\":1,\"message\":\"Session ID unknown\"}");
        }
    }
}
