package org.socketlab.websocket.socketio.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.testing.RawWebSocket;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/**
 * Engine.IO v4 session lifecycle as the reference server and its protocol test suite expect:
 * a closed session is forgotten at once, an invalid packet closes it at once, overlapping
 * requests close it, and a second WebSocket on an upgraded sid is accepted and then closed.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
@ExtendWith(StopAfterEachExtension.class)
class EngineSessionLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String UNKNOWN_SID = "{\"code\":1,\"message\":\"Session ID unknown\"}";
    private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";
    private final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    @StopAfterEach(millis = 200)
    private EngineServer server;

    private void start(EngineConfig config) throws IOException {
        server = EngineServer.start(InetAddress.getLoopbackAddress(), 0, config, session -> new EngineSession.Listener() {
            @Override
            public void onMessage(EngineSession s, EnginePacket packet) {
                s.send(java.util.List.of(packet));
            }

            @Override
            public void onClose(EngineSession s, String reason) {
                closes.add(reason);
            }
        });
    }

    private String url(String sid) {
        return "http://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=polling" + (sid == null ? "" : "&sid=" + sid);
    }

    private HttpResponse<String> get(String sid) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(sid))).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String sid) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url(sid))).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String sid, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(sid))).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String handshake() throws Exception {
        HttpResponse<String> open = get(null);
        assertThat(open.statusCode()).as("handshake status").isEqualTo(200);
        return open.body().substring(9, open.body().indexOf('"', 9));
    }

    /** Waits (bounded) until a request with {@code sid} is held by the server as a long poll. */
    private void awaitPollHeld(String sid) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!server.find(sid).pollHeld() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.find(sid).pollHeld()).as("a GET is held for " + sid).isTrue();
    }

    private static void assertUnknownSid(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status of a request for a forgotten sid").isEqualTo(400);
        assertThat(response.body()).isEqualTo(UNKNOWN_SID);
    }

    @Nested
    class ClosedSessionsAreForgottenAtOnce {

        @Test
        void afterPingTimeout_theNextGetGets400SessionIdUnknown() throws Exception {
            start(EngineConfig.defaults().withPingInterval(Duration.ofMillis(100)).withPingTimeout(Duration.ofMillis(100)));
            String sid = handshake();
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("ping timeout");
            assertUnknownSid(get(sid));
            assertUnknownSid(post(sid, "3"));
        }

        @Test
        void invalidPacket_isAnswered400_andTheSessionIsGoneBeforeTheAnswer() throws Exception {
            start(EngineConfig.defaults());
            String sid = handshake();
            HttpResponse<String> refused = post(sid, "abc");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo(BAD_REQUEST);
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("parse error");
            assertUnknownSid(get(sid));
        }

        @Test
        void invalidPacket_endsAHeldGetWithTheClosePacket() throws Exception {
            start(EngineConfig.defaults());
            String sid = handshake();
            CompletableFuture<HttpResponse<String>> held = getAsync(sid);
            awaitPollHeld(sid);
            assertThat(post(sid, "4ok\u001eabc").statusCode()).isEqualTo(400);
            assertThat(held.get(5, TimeUnit.SECONDS).body()).as("the held GET").isEqualTo("1");
            assertUnknownSid(get(sid));
        }

        @Test
        void clientClosePacket_endsAHeldGetWithNoop_andForgetsTheSid() throws Exception {
            start(EngineConfig.defaults());
            String sid = handshake();
            CompletableFuture<HttpResponse<String>> held = getAsync(sid);
            awaitPollHeld(sid);
            assertThat(post(sid, "1").body()).isEqualTo("ok");
            assertThat(held.get(5, TimeUnit.SECONDS).body()).as("the held GET").isEqualTo("6");
            assertUnknownSid(get(sid));
        }

        @Test
        void overlappingGets_closeTheSession_firstGetsClosePacket_secondAnEmpty400() throws Exception {
            start(EngineConfig.defaults());
            String sid = handshake();
            CompletableFuture<HttpResponse<String>> first = getAsync(sid);
            awaitPollHeld(sid);
            HttpResponse<String> second = get(sid);
            assertThat(second.statusCode()).isEqualTo(400);
            assertThat(second.body()).as("the reference server answers the overlap with an empty 400").isEmpty();
            assertThat(first.get(5, TimeUnit.SECONDS).body()).isEqualTo("1");
            assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("transport error");
            assertUnknownSid(get(sid));
        }

        @Test
        void serverClose_withoutAHeldGet_keepsTheSidUntilTheClosePacketIsFetched() throws Exception {
            start(EngineConfig.defaults());
            String sid = handshake();
            server.find(sid).send(java.util.List.of(EnginePacket.message("last words")));
            server.find(sid).close();
            assertThat(get(sid).body()).isEqualTo("4last words\u001e1");
            assertUnknownSid(get(sid));
        }
    }

    @Nested
    class Upgrade {

        private RawWebSocket probe(String sid) throws IOException {
            return RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(),
                    "/socket.io/?EIO=4&transport=websocket&sid=" + sid, ""));
        }

        @Test
        void secondWebSocketOnAnUpgradedSid_isAccepted101ThenClosed_andTheFirstKeepsWorking() throws Exception {
            start(EngineConfig.defaults());
            String sid = handshake();
            try (RawWebSocket first = probe(sid)) {
                first.sendText("2probe");
                assertThat(first.readMessage().text()).isEqualTo("3probe");
                first.sendText("5");
                try (RawWebSocket second = probe(sid)) {
                    assertThat(second.status()).as(second.responseHead()).isEqualTo(101);
                    RawWebSocket.RawFrame close = second.readMessage();
                    assertThat(close.opcode()).as("a close frame").isEqualTo(8);
                }
                first.sendText("4hello");
                assertThat(first.readMessage().text()).isEqualTo("4hello");
            }
        }

        @Test
        void secondWebSocketDuringTheProbe_isAccepted101ThenClosed() throws Exception {
            start(EngineConfig.defaults());
            String sid = handshake();
            try (RawWebSocket first = probe(sid)) {
                // The probe answered: the server has attached the first socket to the session.
                // (Opening both at once would leave the order to the scheduler: the server may
                // attach either one first, and it rightly closes whichever comes second.)
                first.sendText("2probe");
                assertThat(first.readMessage().text()).isEqualTo("3probe");
                try (RawWebSocket second = probe(sid)) { // before the upgrade ("5") completes
                    assertThat(second.status()).isEqualTo(101);
                    assertThat(second.readMessage().opcode()).as("a close frame").isEqualTo(8);
                }
                first.sendText("5");
                first.sendText("4hello");
                assertThat(first.readMessage().text()).isEqualTo("4hello");
            }
        }

        @Test
        void pollAfterProbeAndUpgradeSentBackToBack_gets400() throws Exception {
            start(EngineConfig.defaults());
            String sid = handshake();
            try (RawWebSocket ws = probe(sid)) {
                ws.sendText("2probe");
                assertThat(ws.readMessage().text()).isEqualTo("3probe");
                ws.sendText("5");
                HttpResponse<String> poll = get(sid); // races with "5": waits for the upgrade to finish
                assertThat(poll.statusCode()).as("GET after the upgrade, body " + poll.body()).isEqualTo(400);
                assertThat(poll.body()).isEqualTo(BAD_REQUEST);
                assertThat(post(sid, "4late").statusCode()).isEqualTo(400);
                ws.sendText("4hello");
                assertThat(ws.readMessage().text()).isEqualTo("4hello");
            }
        }

        @Test
        void pollDuringTheUpgrade_endsWithNoop_soTheClientCanSendUpgrade() throws Exception {
            start(EngineConfig.defaults());
            String sid = handshake();
            try (RawWebSocket ws = probe(sid)) {
                ws.sendText("2probe");
                assertThat(ws.readMessage().text()).isEqualTo("3probe");
                HttpResponse<String> poll = get(sid);
                assertThat(poll.statusCode()).isEqualTo(200);
                assertThat(poll.body()).isEqualTo("6");
                assertThat(post(sid, "4during").body()).as("a POST during the upgrade").isEqualTo("ok");
                ws.sendText("5");
                assertThat(ws.readMessage().text()).as("queued during the upgrade, flushed to the WebSocket")
                        .isEqualTo("4during");
            }
        }

        @Test
        void upgradeWithUnknownSid_gets400SessionIdUnknown() throws Exception {
            start(EngineConfig.defaults());
            try (RawWebSocket ws = probe("nope")) {
                assertThat(ws.status()).isEqualTo(400);
            }
        }
    }

    @Nested
    class Heartbeat {

        private static final Duration PING_INTERVAL = Duration.ofMillis(500);
        private static final Duration PING_TIMEOUT = Duration.ofMillis(150);

        @Test
        void pingQueuedDuringAnUpgrade_timesOutFromTheUpgradeNotFromQueuing() throws Exception {
            // The scenario needs the probe answered before the first ping is due; on a loaded
            // machine the set-up can take longer than the ping interval, and then the ping
            // rightly leaves over polling and times out. Such a run proves nothing either way,
            // so it is repeated on a fresh server (bounded); a run that met the precondition
            // decides the test.
            for (int attempt = 1; attempt <= 5; attempt++) {
                if (upgradeScenario()) {
                    return;
                }
                server.stop(Duration.ofMillis(200));
                closes.clear();
            }
            throw new AssertionError("5 attempts could not finish handshake and probe within "
                    + PING_INTERVAL + "; the machine is too loaded to run this scenario");
        }

        /** Returns false when the probe took longer than the ping interval (the scenario did not happen). */
        private boolean upgradeScenario() throws Exception {
            start(EngineConfig.defaults().withPingInterval(PING_INTERVAL).withPingTimeout(PING_TIMEOUT));
            long before = System.nanoTime(); // the server's ping timer starts after this
            String sid = handshake();
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(),
                    "/socket.io/?EIO=4&transport=websocket&sid=" + sid, ""))) {
                ws.sendText("2probe");
                assertThat(ws.readMessage().text()).isEqualTo("3probe");
                long probed = System.nanoTime() - before;
                if (probed >= PING_INTERVAL.toNanos()) {
                    return false;
                }
                // A slow client: the ping is queued at PING_INTERVAL, behind the upgrade; it cannot
                // reach the client before "5", so its PING_TIMEOUT must not run out meanwhile.
                // Wait until a timeout counted from queuing would have fired twice over.
                long quietUntil = PING_INTERVAL.plus(PING_TIMEOUT.multipliedBy(2)).toNanos() - probed;
                assertThat(closes.poll(quietUntil, TimeUnit.NANOSECONDS)).as("close reason during the upgrade").isNull();
                ws.sendText("5");
                assertThat(ws.readMessage().text()).as("the deferred ping, over the new WebSocket").isEqualTo("2");
                ws.sendText("3");
                ws.sendText("4still here");
                assertThat(ws.readMessage().text()).isEqualTo("4still here");
                assertThat(closes).isEmpty();
            }
            return true;
        }
    }
}
