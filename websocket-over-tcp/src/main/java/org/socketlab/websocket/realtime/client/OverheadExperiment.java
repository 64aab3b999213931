package org.socketlab.websocket.realtime.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.realtime.RealtimeConfig;
import org.socketlab.websocket.realtime.RealtimeServer;
import org.socketlab.websocket.realtime.Technique;
import org.socketlab.websocket.realtime.TrafficStats;

/**
 * Lab 07's measurement: for each technique a fresh {@link RealtimeServer} publishes the same
 * feed, N hand-written clients receive it for a while, and the server's socket counters plus
 * the clients' latencies become a {@link TechniqueResult}. Everything runs in this JVM on
 * loopback, so latency is {@code System.nanoTime()} at the client minus at the publisher.
 */
public final class OverheadExperiment {

    private OverheadExperiment() {
    }

    /** Runs every configured technique in order, reporting progress lines to {@code progress}. */
    public static List<TechniqueResult> run(ExperimentConfig config, Consumer<String> progress)
            throws IOException, InterruptedException {
        List<TechniqueResult> results = new ArrayList<>();
        for (Technique technique : config.techniques()) {
            progress.accept("measuring " + technique.label() + ": " + config.clients() + " client(s) for "
                    + config.duration().toMillis() + " ms, an event every " + config.tickInterval().toMillis() + " ms");
            results.add(run(technique, config));
        }
        return results;
    }

    /** One technique: start the server, start the clients, wait, stop everything, read the counters. */
    public static TechniqueResult run(Technique technique, ExperimentConfig config)
            throws IOException, InterruptedException {
        RealtimeConfig serverConfig = RealtimeConfig.defaults()
                .withTickInterval(config.tickInterval())
                .withKeepAlive(config.keepAlive());
        ClientStats clientStats = new ClientStats();
        List<TickerClient> clients = new ArrayList<>();
        try (RealtimeServer server = RealtimeServer.start(0, serverConfig)) {
            TickerClientOptions options = TickerClientOptions.of(server.port())
                    .withPollInterval(config.pollInterval())
                    .withKeepAlive(config.keepAlive())
                    .withBrowserHeaders(config.browserHeaders());
            long startId = server.ticker().lastId();
            for (int i = 0; i < config.clients(); i++) {
                clients.add(TickerClient.create(technique, options, clientStats, tick -> { })
                        .resumeAfter(startId).start());
            }
            waitFor(config.duration());
            clients.forEach(TickerClient::close);
            TrafficStats.Snapshot traffic = server.stats(technique).snapshot();
            return new TechniqueResult(technique, config.clients(), traffic.requests(),
                    server.acceptedConnections(), traffic.bytesIn(), traffic.bytesOut(), traffic.payloadBytes(),
                    traffic.events(), traffic.emptyResponses(), clientStats.latency());
        } finally {
            clients.forEach(TickerClient::close);
        }
    }

    private static void waitFor(Duration duration) throws InterruptedException {
        // The experiment's own run time; nothing else to wait on.
        new CountDownLatch(1).await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
}
