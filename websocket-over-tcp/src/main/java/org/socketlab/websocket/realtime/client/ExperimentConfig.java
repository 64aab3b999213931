package org.socketlab.websocket.realtime.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.socketlab.websocket.realtime.Technique;

/**
 * One run of {@link OverheadExperiment}: the same feed, the same clients, each technique in turn.
 *
 * @param tickInterval   time between events
 * @param clients        clients per technique
 * @param duration       how long each technique runs
 * @param pollInterval   how often a polling client asks
 * @param keepAlive      persistent HTTP connections for polling and long polling
 * @param browserHeaders clients send a browser's request header fields
 * @param techniques     which techniques to measure, in order
 */
public record ExperimentConfig(Duration tickInterval, int clients, Duration duration, Duration pollInterval,
                               boolean keepAlive, boolean browserHeaders, List<Technique> techniques) {

    public ExperimentConfig {
        Objects.requireNonNull(tickInterval, "tickInterval");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (tickInterval.isZero() || tickInterval.isNegative()) {
            throw new IllegalArgumentException("tickInterval must be positive, got " + tickInterval);
        }
        if (clients < 1) {
            throw new IllegalArgumentException("at least one client is needed, got " + clients);
        }
        techniques = List.copyOf(techniques);
    }

    /** 4 events a second, 5 clients, 3 s per technique, polls every 100 ms, keep-alive on, browser headers. */
    public static ExperimentConfig defaults() {
        return new ExperimentConfig(Duration.ofMillis(250), 5, Duration.ofSeconds(3), Duration.ofMillis(100), true,
                true, List.of(Technique.values()));
    }

    public ExperimentConfig withTickInterval(Duration value) {
        return new ExperimentConfig(value, clients, duration, pollInterval, keepAlive, browserHeaders, techniques);
    }

    public ExperimentConfig withClients(int value) {
        return new ExperimentConfig(tickInterval, value, duration, pollInterval, keepAlive, browserHeaders, techniques);
    }

    public ExperimentConfig withDuration(Duration value) {
        return new ExperimentConfig(tickInterval, clients, value, pollInterval, keepAlive, browserHeaders, techniques);
    }

    public ExperimentConfig withPollInterval(Duration value) {
        return new ExperimentConfig(tickInterval, clients, duration, value, keepAlive, browserHeaders, techniques);
    }

    public ExperimentConfig withKeepAlive(boolean value) {
        return new ExperimentConfig(tickInterval, clients, duration, pollInterval, value, browserHeaders, techniques);
    }

    public ExperimentConfig withBrowserHeaders(boolean value) {
        return new ExperimentConfig(tickInterval, clients, duration, pollInterval, keepAlive, value, techniques);
    }

    public ExperimentConfig withTechniques(List<Technique> value) {
        return new ExperimentConfig(tickInterval, clients, duration, pollInterval, keepAlive, browserHeaders, value);
    }
}
