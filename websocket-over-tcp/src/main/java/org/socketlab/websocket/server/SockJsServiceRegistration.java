package org.socketlab.websocket.server;

import java.time.Duration;
import org.socketlab.websocket.sockjs.SockJsOptions;

/**
 * The SockJS settings of an endpoint registered with {@link WebSocketRegistration#withSockJS()},
 * named as in Spring's {@code SockJsServiceRegistration}. Mutable until the front door starts;
 * not thread-safe.
 */
public final class SockJsServiceRegistration {

    private SockJsOptions options = SockJsOptions.defaults();

    SockJsServiceRegistration() {
    }

    /** Silence after which the server sends an {@code h} frame (default 25 s). */
    public SockJsServiceRegistration setHeartbeatTime(Duration interval) {
        options = options.withHeartbeatInterval(interval);
        return this;
    }

    /** How long a session lives without a receiving request (default 5 s). */
    public SockJsServiceRegistration setDisconnectDelay(Duration delay) {
        options = options.withDisconnectDelay(delay);
        return this;
    }

    /** Bytes of frames after which a streaming response ends and the client reconnects (default 128 KiB). */
    public SockJsServiceRegistration setStreamBytesLimit(int bytes) {
        options = options.withStreamBytesLimit(bytes);
        return this;
    }

    /** Offer the {@code websocket} transports (default true). */
    public SockJsServiceRegistration setWebSocketEnabled(boolean enabled) {
        options = options.withWebSocketEnabled(enabled);
        return this;
    }

    /** Set {@code JSESSIONID} on session URLs for sticky load balancing (default false). */
    public SockJsServiceRegistration setSessionCookieNeeded(boolean needed) {
        options = options.withCookieNeeded(needed);
        return this;
    }

    /**
     * Also answer hixie-76 (2010 draft) WebSocket handshakes on the SockJS {@code websocket}
     * transport, as sockjs-node does (default true); the endpoint itself stays RFC 6455 only.
     */
    public SockJsServiceRegistration setHixie76Enabled(boolean enabled) {
        options = options.withHixie76Enabled(enabled);
        return this;
    }

    /** The script the iframe page loads (default {@code /sockjs.min.js}, served by this front door). */
    public SockJsServiceRegistration setClientLibraryUrl(String url) {
        options = options.withClientLibraryUrl(url);
        return this;
    }

    /** All settings at once. */
    public SockJsServiceRegistration setOptions(SockJsOptions value) {
        options = java.util.Objects.requireNonNull(value, "value");
        return this;
    }

    SockJsOptions options() {
        return options;
    }
}
