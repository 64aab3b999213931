package org.socketlab.websocket.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketlab.websocket.realtime.client.ClientStats;
import org.socketlab.websocket.realtime.client.SseClient;
import org.socketlab.websocket.realtime.client.TickerClient;
import org.socketlab.websocket.realtime.client.TickerClientOptions;
import org.socketlab.websocket.realtime.client.WebSocketTickerClient;

/** The hand-written Java client of each technique against the server, feed driven by hand. */
@Timeout(20)
class TickerClientsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private RealtimeServer server;
    private TickerClient client;
    private final LinkedBlockingQueue<Tick> received = new LinkedBlockingQueue<>();

    private TickerClient start(Technique technique, RealtimeConfig config) throws Exception {
        server = RealtimeServer.start(0, config.withTickInterval(Duration.ZERO));
        TickerClientOptions options = TickerClientOptions.of(server.port()).withPollInterval(Duration.ofMillis(20));
        client = TickerClient.create(technique, options, new ClientStats(), received::add).start();
        return client;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Tick next() throws InterruptedException {
        Tick tick = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(tick).as("a tick within " + WAIT).isNotNull();
        return tick;
    }

    @ParameterizedTest
    @EnumSource(Technique.class)
    void everyClientReceivesEveryEvent_inOrder(Technique technique) throws Exception {
        start(technique, RealtimeConfig.defaults());
        if (technique != Technique.POLLING) {
            assertThat(server.awaitSubscribers(1, WAIT)).as("the %s client is connected", technique).isTrue();
        }
        Tick first = server.ticker().publish("ACME", 100_00);
        Tick second = server.ticker().publish("ACME", 100_50);
        assertThat(next()).isEqualTo(first);
        assertThat(next()).isEqualTo(second);
        client.close();
        assertThat(server.awaitSubscribers(0, WAIT)).as("the server freed the %s client", technique).isTrue();
        ClientStats stats = client.stats();
        assertThat(stats.events()).isEqualTo(2);
        assertThat(stats.payloadBytes()).isEqualTo(first.toJson().length() + second.toJson().length());
        assertThat(stats.bytesDown()).isGreaterThan(stats.payloadBytes());
        assertThat(stats.latency().count()).isEqualTo(2);
    }

    @Test
    void pollingWithoutKeepAlive_opensAConnectionPerRequest() throws Exception {
        server = RealtimeServer.start(0, RealtimeConfig.defaults().withTickInterval(Duration.ZERO));
        TickerClientOptions options = TickerClientOptions.of(server.port()).withPollInterval(Duration.ofMillis(1))
                .withKeepAlive(false);
        client = TickerClient.create(Technique.POLLING, options, new ClientStats(), received::add).start();
        server.ticker().publish();
        next();
        client.close();
        // close() may land between a connect and its request: at most one connection without one.
        assertThat(client.stats().connections() - client.stats().requests()).isBetween(0L, 1L);
        assertThat(client.stats().requests()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void sseClientReconnectsWithLastEventId_andMissesNothing() throws Exception {
        start(Technique.SSE, RealtimeConfig.defaults().withSseRetry(Duration.ofMillis(500)));
        assertThat(server.awaitSubscribers(1, WAIT)).isTrue();
        server.ticker().publish();
        assertThat(next().id()).isEqualTo(1);
        server.disconnectStreams();
        assertThat(server.awaitSubscribers(0, WAIT)).as("the stream was cut").isTrue();
        server.ticker().publish(); // published while the client waits its 500 ms retry time
        assertThat(next().id()).as("resumed from Last-Event-ID: 1").isEqualTo(2);
        assertThat(((SseClient) client).lastEventId()).isEqualTo("2");
        assertThat(((SseClient) client).retry()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void webSocketGoesBothWays() throws Exception {
        WebSocketTickerClient webSocket = (WebSocketTickerClient) start(Technique.WEBSOCKET, RealtimeConfig.defaults());
        assertThat(server.awaitSubscribers(1, WAIT)).isTrue();
        assertThat(webSocket.awaitOpen(WAIT)).as("handshake checked by the client").isTrue();
        webSocket.send("hello server");
        assertThat(webSocket.otherMessages().poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("ack: hello server");
        Tick tick = server.ticker().publish();
        assertThat(next()).isEqualTo(tick);
        TrafficStats.Snapshot stats = server.stats(Technique.WEBSOCKET).snapshot();
        assertThat(stats.requests()).as("one upgrade request, then frames only").isEqualTo(1);
    }
}
