package org.socketlab.labs.grading;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.grading.GradingAssertions.Scenario;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.realtime.RealtimeConfig;
import org.socketlab.websocket.realtime.RealtimeServer;
import org.socketlab.websocket.realtime.Technique;
import org.socketlab.websocket.realtime.Tick;
import org.socketlab.websocket.realtime.TrafficStats;
import org.socketlab.websocket.realtime.client.ClientStats;
import org.socketlab.websocket.realtime.client.TickerClient;
import org.socketlab.websocket.realtime.client.TickerClientOptions;

/** Lab 06 — HTTP by hand and polling. Guide: labs/guides/06-http-by-hand-and-polling.md. */
@Timeout(20)
class Lab06HttpByHandAndPollingGradingTest {

    private static final String GUIDE = "06-http-by-hand-and-polling.md";

    private RealtimeServer server;

    private RealtimeServer start(RealtimeConfig config) throws Exception {
        server = RealtimeServer.start(0, config.withTickInterval(Duration.ZERO));
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Points(2)
    @DisplayName("A GET typed over a raw socket gets 200 OK with a Content-Length JSON body")
    void getByHand() throws Exception {
        Scenario scenario = GradingAssertions.scenario("type GET /poll?since=0 on a raw socket", GUIDE, "Step 1");
        start(RealtimeConfig.defaults());
        Tick tick = server.ticker().publish("ACME", 100_00);
        try (HttpWire wire = scenario.step("connect() to the server", () -> new HttpWire(server.port()))) {
            HttpResponse response = scenario.step("write \"GET /poll?since=0 HTTP/1.1\\r\\nHost: grader\\r\\n\\r\\n\","
                    + " read and parse the response", () -> wire.get("/poll?since=0").response());
            scenario.expectEquals("status", 200, response.status(), "a known path with a valid request is answered 200");
            scenario.expectEquals("Content-Length", String.valueOf(response.bodyLength()),
                    response.headers().first("Content-Length").orElse("absent"),
                    "the client finds the end of the body by Content-Length (RFC 9112 §6.3)");
            scenario.expectEquals("body", "[" + tick.toJson() + "]", response.bodyText(),
                    "a poll answers every event newer than since=");
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your poll answers at once: [] when nothing is new, the event once it is published")
    void pollAnswersAtOnce() throws Exception {
        Scenario scenario = GradingAssertions.scenario("poll, publish, poll", GUIDE, "Step 3: polling");
        start(RealtimeConfig.defaults());
        try (HttpWire wire = new HttpWire(server.port())) {
            HttpResponse empty = scenario.step("GET /poll?since=0 before any event", () -> wire.get("/poll?since=0").response());
            scenario.expectEquals("body of the first poll", "[]", empty.bodyText(),
                    "polling answers at once, even when there is nothing new: the wasted request");
            Tick tick = scenario.step("publish one tick", () -> server.ticker().publish("ACME", 100_00));
            HttpResponse full = scenario.step("GET /poll?since=0 again", () -> wire.get("/poll?since=0").response());
            scenario.expectEquals("ticks in the second poll", List.of(tick), Tick.fromJsonArray(full.bodyText()),
                    "the event waits on the server until the next poll picks it up");
        }
        scenario.expectEquals("empty responses counted", 1L,
                server.stats(Technique.POLLING).snapshot().emptyResponses(), "the server counts empty answers");
    }

    @Test
    @Points(2)
    @DisplayName("Keep-alive: three polls travel over one TCP connection")
    void keepAlive() throws Exception {
        Scenario scenario = GradingAssertions.scenario("three polls on one socket", GUIDE, "Step 4: keep-alive");
        start(RealtimeConfig.defaults());
        try (HttpWire wire = new HttpWire(server.port())) {
            for (int i = 1; i <= 3; i++) {
                HttpResponse response = scenario.step("poll " + i, () -> wire.get("/poll").response());
                scenario.expectEquals("Connection header of poll " + i, "keep-alive",
                        response.headers().first("Connection").orElse("absent"),
                        "HTTP/1.1 connections persist unless someone says close (RFC 9112 §9.3)");
            }
        }
        scenario.expectEquals("TCP connections accepted", 1L, server.acceptedConnections(),
                "a persistent connection saves a TCP handshake per request");
    }

    @Test
    @Points(1)
    @DisplayName("Connection: close is honoured: the server answers, then closes")
    void connectionClose() throws Exception {
        Scenario scenario = GradingAssertions.scenario("poll with Connection: close", GUIDE, "Step 4: keep-alive");
        start(RealtimeConfig.defaults());
        try (HttpWire wire = new HttpWire(server.port())) {
            HttpResponse response = scenario.step("GET /poll with Connection: close",
                    () -> wire.get("/poll", "Connection: close").response());
            scenario.expectEquals("Connection header", "close", response.headers().first("Connection").orElse("absent"),
                    "the server says it will close (RFC 9112 §9.6)");
            scenario.expectTrue("the server kept the connection open", scenario.step("read until EOF",
                    wire::closedByServer), "after Connection: close the server must close the TCP connection");
        }
    }

    @Test
    @Points(2)
    @DisplayName("Bad input: malformed → 400, oversized headers → 431, unknown path → 404")
    void badInput() throws Exception {
        Scenario scenario = GradingAssertions.scenario("three broken requests", GUIDE, "Step 5: bad input");
        start(RealtimeConfig.defaults());
        try (HttpWire wire = new HttpWire(server.port())) {
            HttpResponse response = scenario.step("send GARBAGE\\r\\n\\r\\n", () -> wire.send("GARBAGE\r\n\r\n").response());
            scenario.expectEquals("status", 400, response.status(), "a request line must be method SP target SP version");
        }
        try (HttpWire wire = new HttpWire(server.port())) {
            HttpResponse response = scenario.step("send 9,000 bytes of header",
                    () -> wire.get("/poll", "X-Filler: " + "a".repeat(9_000)).response());
            scenario.expectEquals("status", 431, response.status(), "headers over the limit get 431 (RFC 6585 §5)");
        }
        try (HttpWire wire = new HttpWire(server.port())) {
            HttpResponse response = scenario.step("GET /nowhere", () -> wire.get("/nowhere").response());
            scenario.expectEquals("status", 404, response.status(), "an unknown path is 404 Not Found");
        }
    }

    @Test
    @Points(1)
    @DisplayName("The server counts at its socket exactly the bytes the client sent and received")
    void bytesCounted() throws Exception {
        Scenario scenario = GradingAssertions.scenario("one poll, then compare byte counts", GUIDE, "Step 3: polling");
        start(RealtimeConfig.defaults());
        try (HttpWire wire = new HttpWire(server.port())) {
            scenario.step("GET /poll with Connection: close, read until EOF", () -> {
                wire.get("/poll", "Connection: close").response();
                wire.closedByServer();
            });
            TrafficStats.Snapshot stats = server.stats(Technique.POLLING).snapshot();
            scenario.expectEquals("bytes in at the server", wire.bytesSent(), stats.bytesIn(),
                    "every byte read is counted, headers included");
            scenario.expectEquals("bytes out at the server", wire.bytesReceived(), stats.bytesOut(),
                    "every byte written is counted, headers included");
        }
    }

    @Test
    @Points(2)
    @DisplayName("A polling client without keep-alive pays one TCP connection per request")
    void pollingWithoutKeepAlive() throws Exception {
        Scenario scenario = GradingAssertions.scenario("PollingClient with keepAlive=false", GUIDE, "Experiments");
        start(RealtimeConfig.defaults());
        ClientStats stats = new ClientStats();
        java.util.concurrent.LinkedBlockingQueue<Tick> received = new java.util.concurrent.LinkedBlockingQueue<>();
        TickerClientOptions options = TickerClientOptions.of(server.port()).withPollInterval(Duration.ofMillis(5))
                .withKeepAlive(false);
        try (TickerClient client = scenario.step("start the client", () ->
                TickerClient.create(Technique.POLLING, options, stats, received::add).start())) {
            Tick tick = scenario.step("publish a tick", () -> server.ticker().publish());
            Tick got = scenario.step("wait for it", () -> received.poll(5, java.util.concurrent.TimeUnit.SECONDS));
            scenario.expectEquals("tick received", tick, got, "the client polls until it sees the event");
        }
        long extra = stats.connections() - stats.requests();
        scenario.expectTrue("the client opened " + stats.connections() + " connections for " + stats.requests()
                        + " requests", stats.requests() >= 1 && (extra == 0 || extra == 1),
                "without keep-alive every request needs its own TCP connection (one more may be opened just"
                        + " as the client stops)");
    }
}
