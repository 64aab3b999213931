package org.socketlab.websocket.realtime.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a ticker client connects and how it behaves.
 *
 * @param host            server host, e.g. {@code 127.0.0.1}
 * @param port            server port
 * @param pollInterval    pause between polls (polling only)
 * @param keepAlive       reuse one TCP connection for successive requests (polling, long polling);
 *                        false sends {@code Connection: close} and reconnects for every request
 * @param browserHeaders  send the request header fields a desktop browser sends (User-Agent,
 *                        Accept-Language, sec-ch-ua …) instead of the three a tool sends, to show
 *                        the header weight the course material talks about
 * @param longPollTimeout the {@code timeout=} a long poll asks for
 */
public record TickerClientOptions(String host, int port, Duration pollInterval, boolean keepAlive,
                                  boolean browserHeaders, Duration longPollTimeout) {

    public TickerClientOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(longPollTimeout, "longPollTimeout");
    }

    /** Loopback, a poll a second, keep-alive on, tool-sized headers, 30 s long polls. */
    public static TickerClientOptions of(int port) {
        return new TickerClientOptions("127.0.0.1", port, Duration.ofSeconds(1), true, false, Duration.ofSeconds(30));
    }

    public TickerClientOptions withPollInterval(Duration value) {
        return new TickerClientOptions(host, port, value, keepAlive, browserHeaders, longPollTimeout);
    }

    public TickerClientOptions withKeepAlive(boolean value) {
        return new TickerClientOptions(host, port, pollInterval, value, browserHeaders, longPollTimeout);
    }

    public TickerClientOptions withBrowserHeaders(boolean value) {
        return new TickerClientOptions(host, port, pollInterval, keepAlive, value, longPollTimeout);
    }

    public TickerClientOptions withLongPollTimeout(Duration value) {
        return new TickerClientOptions(host, port, pollInterval, keepAlive, browserHeaders, value);
    }
}
