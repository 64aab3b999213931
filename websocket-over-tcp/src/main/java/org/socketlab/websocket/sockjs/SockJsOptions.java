package org.socketlab.websocket.sockjs;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one SockJS endpoint, with the defaults of the reference server and Spring.
 *
 * @param heartbeatInterval a receiving request or WebSocket silent this long gets {@code h} (25 s)
 * @param disconnectDelay   a session without a receiving request this long is closed (5 s)
 * @param streamBytesLimit  a streaming response ends after this many bytes of frames, so the
 *                          browser can free them; the client reconnects (128 KiB)
 * @param webSocketEnabled  the {@code websocket} transports are offered (true)
 * @param cookieNeeded      {@code JSESSIONID} is set on session URLs for sticky load balancers (false)
 * @param clientLibraryUrl  the script the iframe page loads ({@code /sockjs.min.js}, served by
 *                          {@link SockJsClientLibrary}; never a CDN)
 * @param maxSessions       open HTTP sessions per endpoint; more get 503 (10,000)
 * @param maxQueuedChars    characters queued for a slow receiver before the session is closed (4 Mi)
 */
public record SockJsOptions(Duration heartbeatInterval, Duration disconnectDelay, int streamBytesLimit,
                            boolean webSocketEnabled, boolean cookieNeeded, String clientLibraryUrl,
                            int maxSessions, long maxQueuedChars) {

    public SockJsOptions {
        requirePositive("heartbeatInterval", heartbeatInterval);
        requirePositive("disconnectDelay", disconnectDelay);
        if (streamBytesLimit < 1) {
            throw new IllegalArgumentException("streamBytesLimit must be >= 1, got " + streamBytesLimit);
        }
        Objects.requireNonNull(clientLibraryUrl, "clientLibraryUrl");
        if (maxSessions < 1 || maxQueuedChars < 1) {
            throw new IllegalArgumentException("maxSessions and maxQueuedChars must be >= 1, got " + maxSessions
                    + " and " + maxQueuedChars);
        }
    }

    public static SockJsOptions defaults() {
        return new SockJsOptions(Duration.ofSeconds(25), Duration.ofSeconds(5), 128 * 1024, true, false,
                SockJsClientLibrary.PATH, 10_000, 4L << 20);
    }

    public SockJsOptions withHeartbeatInterval(Duration value) {
        return new SockJsOptions(value, disconnectDelay, streamBytesLimit, webSocketEnabled, cookieNeeded,
                clientLibraryUrl, maxSessions, maxQueuedChars);
    }

    public SockJsOptions withDisconnectDelay(Duration value) {
        return new SockJsOptions(heartbeatInterval, value, streamBytesLimit, webSocketEnabled, cookieNeeded,
                clientLibraryUrl, maxSessions, maxQueuedChars);
    }

    public SockJsOptions withStreamBytesLimit(int value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, value, webSocketEnabled, cookieNeeded,
                clientLibraryUrl, maxSessions, maxQueuedChars);
    }

    public SockJsOptions withWebSocketEnabled(boolean value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, streamBytesLimit, value, cookieNeeded,
                clientLibraryUrl, maxSessions, maxQueuedChars);
    }

    public SockJsOptions withCookieNeeded(boolean value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, streamBytesLimit, webSocketEnabled, value,
                clientLibraryUrl, maxSessions, maxQueuedChars);
    }

    public SockJsOptions withClientLibraryUrl(String value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, streamBytesLimit, webSocketEnabled, cookieNeeded,
                value, maxSessions, maxQueuedChars);
    }

    public SockJsOptions withMaxSessions(int value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, streamBytesLimit, webSocketEnabled, cookieNeeded,
                clientLibraryUrl, value, maxQueuedChars);
    }

    public SockJsOptions withMaxQueuedChars(long value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, streamBytesLimit, webSocketEnabled, cookieNeeded,
                clientLibraryUrl, maxSessions, value);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
