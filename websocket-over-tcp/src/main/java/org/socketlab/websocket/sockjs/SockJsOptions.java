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
 * @param hixie76Enabled    the {@code websocket} transport also speaks the 2010 hixie-76 draft
 *                          (Sec-WebSocket-Key1/Key2), as the reference server sockjs-node does and
 *                          the protocol's test suite checks (true); see {@link Hixie76Handshake}
 * @param receiverListener  told each time a receiving HTTP request attaches to its session
 *                          (monitoring, and tests that need "the poll is now held"); never null
 */
public record SockJsOptions(Duration heartbeatInterval, Duration disconnectDelay, int streamBytesLimit,
                            boolean webSocketEnabled, boolean cookieNeeded, String clientLibraryUrl,
                            int maxSessions, long maxQueuedChars, boolean hixie76Enabled,
                            ReceiverListener receiverListener) {

    /** Hears receiving requests attach; called on the request's thread, so it must not block. */
    @FunctionalInterface
    public interface ReceiverListener {
        ReceiverListener NONE = (sessionId, transport) -> { };

        /** {@code transport} is the URL's last segment ({@code xhr}, {@code eventsource}, ...). */
        void attached(String sessionId, String transport);
    }

    /** The settings without the hixie-76 switch and the listener (hixie-76 on, no listener). */
    public SockJsOptions(Duration heartbeatInterval, Duration disconnectDelay, int streamBytesLimit,
                         boolean webSocketEnabled, boolean cookieNeeded, String clientLibraryUrl,
                         int maxSessions, long maxQueuedChars) {
        this(heartbeatInterval, disconnectDelay, streamBytesLimit, webSocketEnabled, cookieNeeded, clientLibraryUrl,
                maxSessions, maxQueuedChars, true, ReceiverListener.NONE);
    }

    public SockJsOptions {
        requirePositive("heartbeatInterval", heartbeatInterval);
        requirePositive("disconnectDelay", disconnectDelay);
        if (streamBytesLimit < 1) {
            throw new IllegalArgumentException("streamBytesLimit must be >= 1, got " + streamBytesLimit);
        }
        Objects.requireNonNull(clientLibraryUrl, "clientLibraryUrl");
        Objects.requireNonNull(receiverListener, "receiverListener");
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
                clientLibraryUrl, maxSessions, maxQueuedChars, hixie76Enabled, receiverListener);
    }

    public SockJsOptions withDisconnectDelay(Duration value) {
        return new SockJsOptions(heartbeatInterval, value, streamBytesLimit, webSocketEnabled, cookieNeeded,
                clientLibraryUrl, maxSessions, maxQueuedChars, hixie76Enabled, receiverListener);
    }

    public SockJsOptions withStreamBytesLimit(int value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, value, webSocketEnabled, cookieNeeded,
                clientLibraryUrl, maxSessions, maxQueuedChars, hixie76Enabled, receiverListener);
    }

    public SockJsOptions withWebSocketEnabled(boolean value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, streamBytesLimit, value, cookieNeeded,
                clientLibraryUrl, maxSessions, maxQueuedChars, hixie76Enabled, receiverListener);
    }

    public SockJsOptions withCookieNeeded(boolean value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, streamBytesLimit, webSocketEnabled, value,
                clientLibraryUrl, maxSessions, maxQueuedChars, hixie76Enabled, receiverListener);
    }

    public SockJsOptions withClientLibraryUrl(String value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, streamBytesLimit, webSocketEnabled, cookieNeeded,
                value, maxSessions, maxQueuedChars, hixie76Enabled, receiverListener);
    }

    public SockJsOptions withMaxSessions(int value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, streamBytesLimit, webSocketEnabled, cookieNeeded,
                clientLibraryUrl, value, maxQueuedChars, hixie76Enabled, receiverListener);
    }

    public SockJsOptions withMaxQueuedChars(long value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, streamBytesLimit, webSocketEnabled, cookieNeeded,
                clientLibraryUrl, maxSessions, value, hixie76Enabled, receiverListener);
    }

    /** Whether the {@code websocket} transport also answers hixie-76 handshakes (SockJS 0.3.3 "WebsocketHixie76"). */
    public SockJsOptions withHixie76Enabled(boolean value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, streamBytesLimit, webSocketEnabled, cookieNeeded,
                clientLibraryUrl, maxSessions, maxQueuedChars, value, receiverListener);
    }

    public SockJsOptions withReceiverListener(ReceiverListener value) {
        return new SockJsOptions(heartbeatInterval, disconnectDelay, streamBytesLimit, webSocketEnabled, cookieNeeded,
                clientLibraryUrl, maxSessions, maxQueuedChars, hixie76Enabled, value);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
