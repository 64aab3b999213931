package org.socketlab.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DatagramClientTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final ClientOptions FAST = new ClientOptions(Duration.ofMillis(100), 4, 2.0, Duration.ofSeconds(1));

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void requestAgainstTheEchoServerReturnsThePayload() throws Exception {
        try (DatagramEchoServer server = DatagramEchoServer.start(new InetSocketAddress(LOOPBACK, 0));
             DatagramClient client = DatagramClient.open(server.localAddress(), FAST)) {
            assertThat(client.request(utf8("ping"))).isEqualTo(utf8("ping"));
            assertThat(client.request(new byte[0])).isEmpty();
            assertThat(client.stats().retries()).isZero();
        }
    }

    @Nested
    class Backoff {
        @Test
        void eachAttemptWaitsLongerUpToTheCap() {
            ClientOptions options = new ClientOptions(Duration.ofMillis(100), 6, 2.0, Duration.ofMillis(1000));
            List<Duration> timeouts = new ArrayList<>();
            for (int attempt = 1; attempt <= 6; attempt++) {
                timeouts.add(options.timeoutForAttempt(attempt));
            }
            assertThat(timeouts).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                    Duration.ofMillis(800), Duration.ofMillis(1000), Duration.ofMillis(1000));
        }

        @Test
        void nonsensicalOptionsAreRejected() {
            assertThatThrownBy(() -> new ClientOptions(Duration.ofMillis(100), 0, 2.0, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("max attempts is 0; it must be at least 1");
            assertThatThrownBy(() -> new ClientOptions(Duration.ofMillis(100), 3, 0.5, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("backoff multiplier is 0.5; it must be at least 1");
        }
    }

    /** A scripted server: it receives requests and answers exactly as each test says. */
    private static final class ScriptedServer implements AutoCloseable {
        final DatagramSocket socket;
        final List<Long> seenIds = new ArrayList<>();

        ScriptedServer() throws Exception {
            socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            socket.setSoTimeout(5_000);
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        DatagramPacket receive() throws Exception {
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            socket.receive(packet);
            seenIds.add(ByteBuffer.wrap(packet.getData()).getLong());
            return packet;
        }

        void reply(DatagramPacket to, long id, String text) throws Exception {
            byte[] body = ByteBuffer.allocate(8 + text.length()).putLong(id).put(utf8(text)).array();
            socket.send(new DatagramPacket(body, body.length, to.getSocketAddress()));
        }

        void replyRaw(DatagramPacket to, byte[] bytes) throws Exception {
            socket.send(new DatagramPacket(bytes, bytes.length, to.getSocketAddress()));
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void lostRequestsAreRetriedWithTheSameId() throws Exception {
        // Attempts leave at 0, 200 and 600 ms; the answer to the third has 800 ms before a fourth would go.
        ClientOptions options = new ClientOptions(Duration.ofMillis(200), 4, 2.0, Duration.ofSeconds(2));
        try (ScriptedServer server = new ScriptedServer();
             DatagramClient client = DatagramClient.open(server.address(), options, 1000L)) {
            CompletableFuture<Void> script = CompletableFuture.runAsync(() -> {
                try {
                    server.receive();                      // attempt 1: "lost"
                    server.receive();                      // attempt 2: "lost"
                    DatagramPacket third = server.receive();
                    server.reply(third, 1000L, "finally");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(client.request(utf8("hello"))).isEqualTo(utf8("finally"));
            script.get(5, TimeUnit.SECONDS);
            assertThat(server.seenIds).containsExactly(1000L, 1000L, 1000L);
            assertThat(client.stats()).isEqualTo(new ClientStats(1, 3, 2, 0, 0));
        }
    }

    @Test
    void whenEveryAttemptIsLostTheErrorListsTheBackoff() throws Exception {
        ClientOptions twoTries = new ClientOptions(Duration.ofMillis(50), 2, 2.0, Duration.ofSeconds(1));
        try (ScriptedServer silent = new ScriptedServer();
             DatagramClient client = DatagramClient.open(silent.address(), twoTries, 5L)) {
            assertThatThrownBy(() -> client.request(utf8("anyone?")))
                    .isInstanceOf(RequestTimeoutException.class)
                    .hasMessageContaining("no reply to request id 5")
                    .hasMessageContaining("after 2 attempts waiting [PT0.05S, PT0.1S]");
        }
    }

    @Test
    void lateAndDuplicateRepliesAreRecognisedByIdAndDiscarded() throws Exception {
        // One attempt each; 400 ms leaves the scripted server ample time to answer requests 2 and 3.
        ClientOptions oneTry = new ClientOptions(Duration.ofMillis(400), 1, 2.0, Duration.ofSeconds(1));
        try (ScriptedServer server = new ScriptedServer();
             DatagramClient client = DatagramClient.open(server.address(), oneTry, 1L)) {
            CompletableFuture<Void> script = CompletableFuture.runAsync(() -> {
                try {
                    DatagramPacket a = server.receive();   // request 1: no answer in time
                    DatagramPacket b = server.receive();   // request 2
                    server.reply(a, 1L, "late answer to 1");
                    server.replyRaw(b, new byte[] {1, 2, 3}); // garbage: too short for an id
                    server.reply(b, 2L, "answer to 2");
                    server.reply(b, 2L, "answer to 2");    // a duplicate
                    DatagramPacket c = server.receive();   // request 3
                    server.reply(c, 3L, "answer to 3");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertThatThrownBy(() -> client.request(utf8("one"))).isInstanceOf(RequestTimeoutException.class);
            assertThat(client.request(utf8("two"))).isEqualTo(utf8("answer to 2"));
            assertThat(client.request(utf8("three"))).isEqualTo(utf8("answer to 3"));
            script.get(5, TimeUnit.SECONDS);
            // Without ids, "late answer to 1" would have been taken as the answer to 2.
            assertThat(client.stats().staleDiscarded()).isEqualTo(2);
            assertThat(client.stats().garbageDiscarded()).isEqualTo(1);
        }
    }

    @Test
    void repliesFromAStrangerAreIgnored() throws Exception {
        try (DatagramEchoServer server = DatagramEchoServer.start(new InetSocketAddress(LOOPBACK, 0));
             DatagramClient client = DatagramClient.open(server.localAddress(), FAST, 77L);
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            byte[] forged = ByteBuffer.allocate(12).putLong(77L).put(utf8("evil")).array();
            stranger.send(new DatagramPacket(forged, forged.length, client.localAddress()));
            assertThat(client.request(utf8("good"))).isEqualTo(utf8("good"));
            assertThat(client.stats().garbageDiscarded()).isEqualTo(1);
        }
    }
}
