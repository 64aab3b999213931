package org.socketlab.websocket.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.socketlab.websocket.http.HttpLimits;

/**
 * Every knob of {@link RealtimeServer}, with safe defaults ({@link #defaults()}).
 *
 * @param tickInterval      time between published events; {@link Duration#ZERO} publishes only when
 *                          someone calls {@code ticker().publish()} (tests)
 * @param keepAlive         HTTP/1.1 persistent connections (RFC 9112 §9.3); false answers every
 *                          request with {@code Connection: close} to show what a new connection costs
 * @param idleTimeout       how long a kept-alive connection may sit idle between requests
 * @param longPollTimeout   the longest a long poll is held before it is answered empty
 * @param heartbeatInterval how often an idle stream or SSE connection gets a heartbeat (which
 *                          also reveals a client that vanished)
 * @param sseRetry          the reconnection time announced to SSE clients ({@code retry:})
 * @param historyCapacity   events remembered for {@code since=} and {@code Last-Event-ID}
 * @param maxQueuedEvents   events a slow streaming client may fall behind before it is dropped
 * @param http              request parser limits (431 for oversized headers)
 * @param symbols           ticker symbols
 * @param seed              the price walk's seed
 */
public record RealtimeConfig(Duration tickInterval, boolean keepAlive, Duration idleTimeout,
                             Duration longPollTimeout, Duration heartbeatInterval, Duration sseRetry,
                             int historyCapacity, int maxQueuedEvents, HttpLimits http, List<String> symbols,
                             long seed) {

    public RealtimeConfig {
        requireNotNegative("tickInterval", tickInterval);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("longPollTimeout", longPollTimeout);
        requirePositive("heartbeatInterval", heartbeatInterval);
        requireNotNegative("sseRetry", sseRetry);
        if (historyCapacity < 1 || maxQueuedEvents < 1) {
            throw new IllegalArgumentException("historyCapacity and maxQueuedEvents must be at least 1, got "
                    + historyCapacity + " and " + maxQueuedEvents);
        }
        Objects.requireNonNull(http, "http");
        symbols = List.copyOf(symbols);
    }

    /** One event a second, keep-alive on, 30 s long polls, 15 s heartbeats, 1,000 events of history. */
    public static RealtimeConfig defaults() {
        return new RealtimeConfig(Duration.ofSeconds(1), true, Duration.ofSeconds(15), Duration.ofSeconds(30),
                Duration.ofSeconds(15), Duration.ofSeconds(3), 1_000, 1_024, HttpLimits.defaults(),
                List.of("ACME", "GLOBEX", "INITECH"), 42L);
    }

    public RealtimeConfig withTickInterval(Duration value) {
        return new RealtimeConfig(value, keepAlive, idleTimeout, longPollTimeout, heartbeatInterval, sseRetry,
                historyCapacity, maxQueuedEvents, http, symbols, seed);
    }

    public RealtimeConfig withKeepAlive(boolean value) {
        return new RealtimeConfig(tickInterval, value, idleTimeout, longPollTimeout, heartbeatInterval, sseRetry,
                historyCapacity, maxQueuedEvents, http, symbols, seed);
    }

    public RealtimeConfig withIdleTimeout(Duration value) {
        return new RealtimeConfig(tickInterval, keepAlive, value, longPollTimeout, heartbeatInterval, sseRetry,
                historyCapacity, maxQueuedEvents, http, symbols, seed);
    }

    public RealtimeConfig withLongPollTimeout(Duration value) {
        return new RealtimeConfig(tickInterval, keepAlive, idleTimeout, value, heartbeatInterval, sseRetry,
                historyCapacity, maxQueuedEvents, http, symbols, seed);
    }

    public RealtimeConfig withHeartbeatInterval(Duration value) {
        return new RealtimeConfig(tickInterval, keepAlive, idleTimeout, longPollTimeout, value, sseRetry,
                historyCapacity, maxQueuedEvents, http, symbols, seed);
    }

    public RealtimeConfig withSseRetry(Duration value) {
        return new RealtimeConfig(tickInterval, keepAlive, idleTimeout, longPollTimeout, heartbeatInterval, value,
                historyCapacity, maxQueuedEvents, http, symbols, seed);
    }

    public RealtimeConfig withHistoryCapacity(int value) {
        return new RealtimeConfig(tickInterval, keepAlive, idleTimeout, longPollTimeout, heartbeatInterval, sseRetry,
                value, maxQueuedEvents, http, symbols, seed);
    }

    public RealtimeConfig withMaxQueuedEvents(int value) {
        return new RealtimeConfig(tickInterval, keepAlive, idleTimeout, longPollTimeout, heartbeatInterval, sseRetry,
                historyCapacity, value, http, symbols, seed);
    }

    public RealtimeConfig withHttp(HttpLimits value) {
        return new RealtimeConfig(tickInterval, keepAlive, idleTimeout, longPollTimeout, heartbeatInterval, sseRetry,
                historyCapacity, maxQueuedEvents, value, symbols, seed);
    }

    public RealtimeConfig withSeed(long value) {
        return new RealtimeConfig(tickInterval, keepAlive, idleTimeout, longPollTimeout, heartbeatInterval, sseRetry,
                historyCapacity, maxQueuedEvents, http, symbols, value);
    }

    private static void requirePositive(String name, Duration value) {
        requireNotNegative(name, value);
        if (value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
