package org.socketlab.websocket.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.http.HttpResponse;

/** The five techniques and the HTTP/1.1 rules around them, over raw sockets; the feed is driven by hand. */
@Timeout(20)
class RealtimeServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private RealtimeServer server;

    private RealtimeServer start(RealtimeConfig config) throws Exception {
        server = RealtimeServer.start(0, config.withTickInterval(Duration.ZERO));
        return server;
    }

    private RealtimeServer start() throws Exception {
        return start(RealtimeConfig.defaults().withHeartbeatInterval(Duration.ofMillis(100)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Nested
    class Polling {
        @Test
        void pollAnswersAtOnce_emptyWhenNothingIsNew_thenWithTheNewEvent() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                HttpResponse empty = probe.get("/poll?since=0").readResponse();
                assertThat(empty.status()).isEqualTo(200);
                assertThat(empty.bodyText()).isEqualTo("[]");
                Tick tick = server.ticker().publish("ACME", 12_345);
                HttpResponse full = probe.get("/poll?since=0").readResponse();
                assertThat(Tick.fromJsonArray(full.bodyText())).containsExactly(tick);
            }
            TrafficStats.Snapshot stats = server.stats(Technique.POLLING).snapshot();
            assertThat(stats.requests()).isEqualTo(2);
            assertThat(stats.emptyResponses()).isEqualTo(1);
            assertThat(stats.events()).isEqualTo(1);
        }

        @Test
        void keepAlive_servesManyRequestsOnOneConnection() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                for (int i = 0; i < 3; i++) {
                    HttpResponse response = probe.get("/poll?since=0").readResponse();
                    assertThat(response.headers().first("Connection")).hasValue("keep-alive");
                }
            }
            assertThat(server.acceptedConnections()).isEqualTo(1);
        }

        @Test
        void pipelinedRequests_areAnsweredInOrder() throws Exception {
            start();
            server.ticker().publish("ACME", 100_00);
            try (HttpProbe probe = new HttpProbe(server.port())) {
                probe.send("GET /poll?since=0 HTTP/1.1\r\nHost: t\r\n\r\nGET /poll?since=1 HTTP/1.1\r\nHost: t\r\n\r\n");
                assertThat(probe.readResponse().bodyText()).contains("\"id\":1");
                assertThat(probe.readResponse().bodyText()).isEqualTo("[]");
            }
        }

        @Test
        void connectionClose_isHonoured() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                HttpResponse response = probe.get("/poll", "Connection: close").readResponse();
                assertThat(response.headers().first("Connection")).hasValue("close");
                assertThat(probe.closedByServer()).isTrue();
            }
        }

        @Test
        void keepAliveTurnedOff_closesAfterEveryResponse() throws Exception {
            start(RealtimeConfig.defaults().withKeepAlive(false));
            try (HttpProbe probe = new HttpProbe(server.port())) {
                assertThat(probe.get("/poll").readResponse().headers().first("Connection")).hasValue("close");
                assertThat(probe.closedByServer()).isTrue();
            }
        }

        @Test
        void idleKeptAliveConnection_isClosedAfterTheIdleTimeout() throws Exception {
            start(RealtimeConfig.defaults().withIdleTimeout(Duration.ofMillis(200)));
            try (HttpProbe probe = new HttpProbe(server.port())) {
                probe.get("/poll").readResponse();
                assertThat(probe.closedByServer()).isTrue();
            }
        }

        @Test
        void bytesAreCountedAtTheSocket_exactly() throws Exception {
            start();
            server.ticker().publish("ACME", 100_00);
            try (HttpProbe probe = new HttpProbe(server.port())) {
                HttpResponse response = probe.get("/poll?since=0", "Connection: close").readResponse();
                assertThat(probe.closedByServer()).isTrue();
                TrafficStats.Snapshot stats = server.stats(Technique.POLLING).snapshot();
                assertThat(stats.bytesIn()).isEqualTo(probe.bytesSent());
                assertThat(stats.bytesOut()).isEqualTo(probe.bytesReceived());
                assertThat(stats.payloadBytes()).isEqualTo(response.bodyLength() - 2); // the [ and ]
            }
        }
    }

    @Nested
    class LongPolling {
        @Test
        void requestIsHeldUntilAnEventArrives() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                probe.get("/long-poll?since=0");
                assertThat(server.awaitSubscribers(1, WAIT)).as("the long poll is waiting").isTrue();
                Tick tick = server.ticker().publish("ACME", 101_00);
                assertThat(Tick.fromJsonArray(probe.readResponse().bodyText())).containsExactly(tick);
            }
            assertThat(server.awaitSubscribers(0, WAIT)).isTrue();
        }

        @Test
        void eventsAlreadyNewerThanSince_areAnsweredAtOnce() throws Exception {
            start();
            server.ticker().publish();
            server.ticker().publish();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                assertThat(Tick.fromJsonArray(probe.get("/long-poll?since=0").readResponse().bodyText())).hasSize(2);
            }
        }

        @Test
        void timeoutAnswersEmpty_andFreesTheSubscription() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                HttpResponse response = probe.get("/long-poll?since=0&timeout=50").readResponse();
                assertThat(response.bodyText()).isEqualTo("[]");
            }
            assertThat(server.subscriberCount()).isZero();
            assertThat(server.stats(Technique.LONG_POLLING).snapshot().emptyResponses()).isEqualTo(1);
        }

        @Test
        void malformedSince_is400() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                HttpResponse response = probe.get("/long-poll?since=abc").readResponse();
                assertThat(response.status()).isEqualTo(400);
                // Issue 17 item 8: the rule is named, the offending (percent-decoded) value never echoed.
                assertThat(response.bodyText()).contains("since").doesNotContain("abc");
            }
        }
    }

    @Nested
    class Streaming {
        @Test
        void oneChunkedResponse_oneLinePerEvent_flushedAtOnce() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                probe.get("/stream");
                assertThat(server.awaitSubscribers(1, WAIT)).isTrue();
                server.ticker().publish("ACME", 100_01);
                String text = probe.readUntil("\"id\":1");
                assertThat(text).contains("Transfer-Encoding: chunked").contains("Content-Type: application/x-ndjson");
                server.ticker().publish("ACME", 100_02);
                assertThat(probe.readUntil("\"id\":2")).contains("100.02");
            }
        }

        @Test
        void clientThatVanishes_isNoticed_andItsSubscriptionFreed() throws Exception {
            start();
            HttpProbe probe = new HttpProbe(server.port());
            probe.get("/stream");
            assertThat(server.awaitSubscribers(1, WAIT)).isTrue();
            probe.close();
            // The next heartbeat (100 ms) or event write fails: the server frees the subscriber.
            assertThat(server.awaitSubscribers(0, WAIT)).isTrue();
        }

        @Test
        void http10Client_getsAnUnchunkedBodyThatEndsWithTheConnection() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                probe.send("GET /stream HTTP/1.0\r\n\r\n");
                assertThat(server.awaitSubscribers(1, WAIT)).isTrue();
                Tick tick = server.ticker().publish("ACME", 100_00);
                String text = probe.readUntil(tick.toJson() + "\n");
                assertThat(text).contains("Connection: close").doesNotContain("Transfer-Encoding");
                assertThat(text).endsWith("\r\n\r\n" + tick.toJson() + "\n");
            }
        }

        @Test
        void serverStop_endsTheBodyWithTheLastChunk() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                probe.get("/stream");
                assertThat(server.awaitSubscribers(1, WAIT)).isTrue();
                server.close();
                assertThat(probe.readUntil("0\r\n\r\n")).endsWith("0\r\n\r\n");
            }
        }
    }

    @Nested
    class ServerSentEvents {
        @Test
        void eventStreamCarriesRetry_aMultiLineGreeting_andIdTaggedTicks() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                probe.get("/sse", "Accept: text/event-stream");
                assertThat(server.awaitSubscribers(1, WAIT)).isTrue();
                server.ticker().publish("ACME", 100_00);
                String text = probe.readUntil("id: 1\n");
                assertThat(text).contains("Content-Type: text/event-stream")
                        .contains("retry: 3000\n")
                        .contains("event: hello\ndata: welcome to the socketlab ticker\ndata: symbols: ");
                assertThat(probe.readUntil("}\n\n")).contains("id: 1\nevent: tick\ndata: {\"id\":1,");
            }
        }

        @Test
        void lastEventId_resumesFromTheHistory() throws Exception {
            start();
            for (int i = 0; i < 4; i++) {
                server.ticker().publish();
            }
            try (HttpProbe probe = new HttpProbe(server.port())) {
                probe.get("/sse", "Last-Event-ID: 2");
                String text = probe.readUntil("id: 4\n");
                assertThat(text).doesNotContain("id: 2\n").contains("id: 3\n");
            }
        }

        @Test
        void resumeFromAnIdThatFellOutOfHistory_saysHowManyWereLost() throws Exception {
            start(RealtimeConfig.defaults().withHistoryCapacity(2));
            for (int i = 0; i < 5; i++) {
                server.ticker().publish();
            }
            try (HttpProbe probe = new HttpProbe(server.port())) {
                probe.get("/sse", "Last-Event-ID: 1");
                assertThat(probe.readUntil("id: 5\n")).contains(": 2 events were lost").doesNotContain("id: 3\n");
            }
        }

        @Test
        void idleStreamGetsHeartbeatComments() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                probe.get("/sse");
                assertThat(probe.readUntil(": heartbeat\n\n")).contains(": heartbeat");
            }
        }

        @Test
        void vanishedSseClient_isFreed() throws Exception {
            start();
            HttpProbe probe = new HttpProbe(server.port());
            probe.get("/sse");
            assertThat(server.awaitSubscribers(1, WAIT)).isTrue();
            probe.close();
            assertThat(server.awaitSubscribers(0, WAIT)).isTrue();
        }
    }

    @Nested
    class BadInput {
        @Test
        void malformedRequest_is400_andTheConnectionCloses() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                assertThat(probe.send("GARBAGE\r\n\r\n").readResponse().status()).isEqualTo(400);
                assertThat(probe.closedByServer()).isTrue();
            }
        }

        @Test
        void oversizedHeaders_are431() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                probe.get("/poll", "X-Filler: " + "a".repeat(9_000));
                assertThat(probe.readResponse().status()).isEqualTo(431);
            }
        }

        @Test
        void unknownPath_is404_andTheConnectionStaysUsable() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                assertThat(probe.get("/nowhere").readResponse().status()).isEqualTo(404);
                assertThat(probe.get("/poll").readResponse().status()).isEqualTo(200);
            }
        }

        @Test
        void otherMethods_are405WithAllow() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                HttpResponse response = probe.send("DELETE /poll HTTP/1.1\r\nHost: t\r\n\r\n").readResponse();
                assertThat(response.status()).isEqualTo(405);
                assertThat(response.headers().first("Allow")).hasValue("GET");
            }
        }

        @Test
        void webSocketUpgradeFromAForeignOrigin_is403() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                probe.send("GET /ws HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                        + "Origin: http://evil.example\r\n\r\n");
                assertThat(probe.readResponse().status()).isEqualTo(403);
            }
            assertThat(server.subscriberCount()).isZero();
        }

        @Test
        void webSocketPathWithoutUpgrade_isRefused() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                assertThat(probe.get("/ws").readResponse().status()).isBetween(400, 426);
            }
        }

        @Test
        void indexPageIsServed() throws Exception {
            start();
            try (HttpProbe probe = new HttpProbe(server.port())) {
                HttpResponse response = probe.get("/").readResponse();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bodyText()).contains("new EventSource(\"/sse\")");
            }
        }
    }

    @Test
    void tickerDrivenByTheServerClock_publishesOnSchedule() throws Exception {
        server = RealtimeServer.start(0, RealtimeConfig.defaults().withTickInterval(Duration.ofMillis(10)));
        try (HttpProbe probe = new HttpProbe(server.port())) {
            List<Tick> first = Tick.fromJsonArray(probe.get("/long-poll?since=0").readResponse().bodyText());
            assertThat(first).isNotEmpty();
            assertThat(first.get(0).id()).isEqualTo(1);
            long last = first.get(first.size() - 1).id();
            List<Tick> next = Tick.fromJsonArray(probe.get("/long-poll?since=" + last).readResponse().bodyText());
            assertThat(next.get(0).id()).isEqualTo(last + 1);
        }
    }
}
