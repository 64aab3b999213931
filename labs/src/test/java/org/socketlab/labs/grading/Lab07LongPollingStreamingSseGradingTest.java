package org.socketlab.labs.grading;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.grading.GradingAssertions.Scenario;
import org.socketlab.websocket.realtime.Envelopes;
import org.socketlab.websocket.realtime.RealtimeConfig;
import org.socketlab.websocket.realtime.RealtimeServer;
import org.socketlab.websocket.realtime.SseEvent;
import org.socketlab.websocket.realtime.SseParser;
import org.socketlab.websocket.realtime.Technique;
import org.socketlab.websocket.realtime.Tick;
import org.socketlab.websocket.realtime.client.ExperimentConfig;
import org.socketlab.websocket.realtime.client.OverheadExperiment;
import org.socketlab.websocket.realtime.client.TechniqueResult;

/** Lab 07 — long polling, streaming, SSE and WebSocket. Guide: labs/guides/07-long-polling-streaming-sse.md. */
@Timeout(30)
class Lab07LongPollingStreamingSseGradingTest {

    private static final String GUIDE = "07-long-polling-streaming-sse.md";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private RealtimeServer server;

    private void start(RealtimeConfig config) throws Exception {
        server = RealtimeServer.start(0, config.withTickInterval(Duration.ZERO));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Points(3)
    @DisplayName("Your SSE parser follows the WHATWG rules: CRLF/LF/CR, one space stripped, data joined with LF, comments, id, retry")
    void sseParser() throws Exception {
        Scenario scenario = GradingAssertions.scenario("parse a tricky event stream", GUIDE, "Server-sent events");
        String stream = "\uFEFF: heartbeat\r\nid: 7\r\nevent: tick\r\ndata:  two\rdata\ndata: x\n\nretry: 2s\nretry: 900\n\n";
        SseParser parser = new SseParser();
        List<SseEvent> events = scenario.step("feed it one byte at a time", () -> {
            List<SseEvent> all = new java.util.ArrayList<>();
            for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
                all.addAll(parser.feed(new byte[] {b}));
            }
            return all;
        });
        scenario.expectEquals("events dispatched", 1, events.size(), "a blank line dispatches; an event with no data does not");
        scenario.expectEquals("data", " two\n\nx", events.get(0).data(),
                "one leading space is stripped, data lines are joined with LF, a bare 'data' adds an empty line");
        scenario.expectEquals("type", "tick", events.get(0).type(), "the event: field sets the type");
        scenario.expectEquals("id", "7", events.get(0).id(), "the id: field sets the last event ID");
        scenario.expectEquals("retry", 900L, parser.retryMillis(), "retry accepts ASCII digits only: '2s' is ignored");
        scenario.expectEquals("comments", 1L, parser.commentCount(), "a line starting with ':' is a comment");
    }

    @Test
    @Points(2)
    @DisplayName("A long poll is held until an event arrives, then answered with it")
    void longPollIsHeld() throws Exception {
        Scenario scenario = GradingAssertions.scenario("long poll, then publish", GUIDE, "Long polling");
        start(RealtimeConfig.defaults());
        try (HttpWire wire = new HttpWire(server.port())) {
            scenario.step("GET /long-poll?since=0", () -> wire.get("/long-poll?since=0"));
            scenario.expectTrue("the long poll did not wait (no subscriber within 5 s)",
                    server.awaitSubscribers(1, WAIT), "long polling holds the request open on the server");
            Tick tick = scenario.step("publish one tick", () -> server.ticker().publish());
            String body = scenario.step("read the answer", () -> wire.response().bodyText());
            scenario.expectEquals("answer", "[" + tick.toJson() + "]", body, "the held request is answered with the event");
        }
    }

    @Test
    @Points(2)
    @DisplayName("Streaming sends each event as its own chunk of one never-ending response")
    void streaming() throws Exception {
        Scenario scenario = GradingAssertions.scenario("GET /stream, publish twice", GUIDE, "HTTP streaming");
        start(RealtimeConfig.defaults());
        try (HttpWire wire = new HttpWire(server.port())) {
            scenario.step("GET /stream", () -> wire.get("/stream"));
            scenario.expectTrue("no stream subscriber within 5 s", server.awaitSubscribers(1, WAIT),
                    "the stream subscribes to the feed");
            Tick first = scenario.step("publish", () -> server.ticker().publish());
            String text = scenario.step("read until the tick", () -> wire.readUntil(first.toJson()));
            scenario.expectTrue("Transfer-Encoding: chunked missing", text.contains("Transfer-Encoding: chunked"),
                    "a response of unknown length is sent in chunks (RFC 9112 §7.1)");
            scenario.expectTrue("the tick is not in its own chunk", text.contains(
                    Integer.toHexString(first.toJson().length() + 1) + "\r\n" + first.toJson() + "\n\r\n"),
                    "each event is one chunk: size line, data, CRLF — flushed at once");
        }
    }

    @Test
    @Points(2)
    @DisplayName("SSE resumes from Last-Event-ID out of the bounded history")
    void sseResume() throws Exception {
        Scenario scenario = GradingAssertions.scenario("publish 3, reconnect with Last-Event-ID: 1", GUIDE, "Server-sent events");
        start(RealtimeConfig.defaults());
        scenario.step("publish ticks 1, 2, 3", () -> {
            for (int i = 0; i < 3; i++) {
                server.ticker().publish();
            }
        });
        try (HttpWire wire = new HttpWire(server.port())) {
            String text = scenario.step("GET /sse with Last-Event-ID: 1, read until id 3",
                    () -> wire.get("/sse", "Last-Event-ID: 1").readUntil("id: 3\n"));
            scenario.expectTrue("event 1 was sent again", !text.contains("id: 1\n"), "Last-Event-ID: 1 means 1 was seen");
            scenario.expectTrue("event 2 is missing", text.contains("id: 2\n"), "missed events are replayed from history");
        }
    }

    @Test
    @Points(2)
    @DisplayName("A client that vanishes mid-stream is noticed and its subscription freed")
    void vanishingClient() throws Exception {
        Scenario scenario = GradingAssertions.scenario("open /sse, then drop the socket", GUIDE, "Vanishing clients");
        start(RealtimeConfig.defaults().withHeartbeatInterval(Duration.ofMillis(100)));
        HttpWire wire = new HttpWire(server.port());
        scenario.step("GET /sse", () -> wire.get("/sse"));
        scenario.expectTrue("no SSE subscriber within 5 s", server.awaitSubscribers(1, WAIT), "SSE subscribes to the feed");
        scenario.step("close the client socket", wire::close);
        scenario.expectTrue("the subscriber count did not return to 0 within 5 s", server.awaitSubscribers(0, WAIT),
                "a failed write (at the latest at the next heartbeat) must free the subscription");
    }

    @Test
    @Points(2)
    @DisplayName("One tick: a 2-byte WebSocket frame header versus a 100+ byte HTTP response head")
    void envelopes() {
        Scenario scenario = GradingAssertions.scenario("wrap one tick in each envelope", GUIDE, "Background");
        Tick tick = new Tick(1, "ACME", 100_00, 0);
        int payload = tick.toJson().length();
        byte[] frame = scenario.step("Envelopes.webSocketFrame(tick)", () -> Envelopes.webSocketFrame(tick));
        scenario.expectEquals("frame header bytes", 2, frame.length - payload,
                "a server frame with a payload under 126 bytes has a 2-byte header (RFC 6455 §5.2)");
        int head = scenario.step("Envelopes.pollResponse(List.of(tick), true)",
                () -> Envelopes.pollResponse(List.of(tick), true).toBytes().length - payload - 2);
        scenario.expectTrue("poll response head is only " + head + " bytes", head > 100,
                "status line and header fields travel with every HTTP response");
    }

    @Test
    @Points(3)
    @DisplayName("Measured: WebSocket costs the fewest overhead bytes per event; polling and long polling the most requests")
    void measurement() throws Exception {
        Scenario scenario = GradingAssertions.scenario("OverheadExperiment, 2 clients, 0.8 s per technique", GUIDE,
                "Step 2: measuring");
        ExperimentConfig config = ExperimentConfig.defaults().withClients(2).withDuration(Duration.ofMillis(800))
                .withTickInterval(Duration.ofMillis(50)).withPollInterval(Duration.ofMillis(20));
        List<TechniqueResult> results = scenario.step("run every technique", () -> OverheadExperiment.run(config, line -> { }));
        Map<Technique, TechniqueResult> by = results.stream()
                .collect(Collectors.toMap(TechniqueResult::technique, Function.identity()));
        for (Technique technique : Technique.values()) {
            scenario.expectTrue(technique.label() + " delivered no event", by.get(technique).events() > 0,
                    "every technique must deliver the feed");
        }
        double webSocket = by.get(Technique.WEBSOCKET).overheadPerEvent();
        for (Technique other : List.of(Technique.POLLING, Technique.LONG_POLLING, Technique.SSE)) {
            scenario.expectTrue(String.format("WebSocket overhead per event %.1f is not below %s's %.1f", webSocket,
                    other.label(), by.get(other).overheadPerEvent()), webSocket < by.get(other).overheadPerEvent(),
                    "after its one handshake a WebSocket adds only a frame header per event");
        }
        scenario.expectEquals("streaming requests", 2L, by.get(Technique.STREAMING).requests(),
                "streaming asks once per client and never again");
        scenario.expectTrue("long polling made fewer requests than events",
                by.get(Technique.LONG_POLLING).requests() >= by.get(Technique.LONG_POLLING).events() / 2,
                "long polling still re-requests after every answer");
    }
}
