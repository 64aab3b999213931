package org.socketlab.websocket.socketio.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.http.HttpLimits;
import org.socketlab.websocket.protocol.ProtocolConfig;

/**
 * Every limit and timer of the Engine.IO layer, with the reference server's defaults
 * ({@link #defaults()}).
 *
 * @param path              request path of the endpoint, e.g. {@code /socket.io/}
 * @param pingInterval      the server sends ping {@code 2} this long after the previous pong
 * @param pingTimeout       a session whose pong does not arrive within this is closed ("ping timeout")
 * @param maxPayload        largest POST body (413 beyond) and WebSocket message (close 1009 beyond)
 * @param upgradeTimeout    a probing WebSocket must send {@code 5} within this, or it is closed
 * @param requestTimeout    a whole HTTP request must arrive within this (slowloris defence)
 * @param keepAliveTimeout  an idle keep-alive HTTP connection is closed after this
 * @param maxBufferedBytes  outbound limit per session: a WebSocket's queue (senders wait beyond
 *                          it), or the packets waiting for a long-poll (the session closes beyond it)
 * @param origins           which {@code Origin}s may use the endpoint (polling and WebSocket); by
 *                          default none: a request carrying an Origin gets 403, one without is served
 *                          (the same default as {@code WebSocketServer.Builder.allowedOrigins})
 * @param corsCredentials   allowed cross-origin polling responses say
 *                          {@code Access-Control-Allow-Credentials: true} (cookies may be sent)
 * @param caps              sessions per server and handshakes per remote address (503 beyond)
 */
public record EngineConfig(String path, Duration pingInterval, Duration pingTimeout, int maxPayload,
                           Duration upgradeTimeout, Duration requestTimeout, Duration keepAliveTimeout,
                           long maxBufferedBytes, OriginPolicy origins, boolean corsCredentials, SessionCaps caps) {

    public EngineConfig {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("path must start and end with '/', got \"" + path + "\"");
        }
        for (Duration d : new Duration[] {pingInterval, pingTimeout, upgradeTimeout, requestTimeout, keepAliveTimeout}) {
            Objects.requireNonNull(d, "duration");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timers must be positive, got " + d);
            }
        }
        if (maxPayload < 64) {
            throw new IllegalArgumentException("maxPayload is " + maxPayload + "; it must be at least 64 bytes");
        }
        Objects.requireNonNull(origins, "origins");
        Objects.requireNonNull(caps, "caps");
        if (maxBufferedBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBytes is " + maxBufferedBytes + "; it must be at least 1");
        }
    }

    /**
     * {@code /socket.io/}, ping every 25 s, 20 s pong timeout, 1,000,000-byte payloads (the
     * reference defaults), 10 s upgrade, 10 s per request, 60 s keep-alive, 4 MiB queue, no
     * cross-origin access, {@link SessionCaps#defaults()}.
     */
    public static EngineConfig defaults() {
        return new EngineConfig("/socket.io/", Duration.ofSeconds(25), Duration.ofSeconds(20), 1_000_000,
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60), 4L << 20,
                OriginPolicy.allowList(List.of()), false, SessionCaps.defaults());
    }

    public EngineConfig withPath(String value) {
        String normalised = value.endsWith("/") ? value : value + "/";
        return new EngineConfig(normalised, pingInterval, pingTimeout, maxPayload, upgradeTimeout, requestTimeout,
                keepAliveTimeout, maxBufferedBytes, origins, corsCredentials, caps);
    }

    public EngineConfig withPingInterval(Duration value) {
        return new EngineConfig(path, value, pingTimeout, maxPayload, upgradeTimeout, requestTimeout,
                keepAliveTimeout, maxBufferedBytes, origins, corsCredentials, caps);
    }

    public EngineConfig withPingTimeout(Duration value) {
        return new EngineConfig(path, pingInterval, value, maxPayload, upgradeTimeout, requestTimeout,
                keepAliveTimeout, maxBufferedBytes, origins, corsCredentials, caps);
    }

    public EngineConfig withMaxPayload(int value) {
        return new EngineConfig(path, pingInterval, pingTimeout, value, upgradeTimeout, requestTimeout,
                keepAliveTimeout, maxBufferedBytes, origins, corsCredentials, caps);
    }

    public EngineConfig withUpgradeTimeout(Duration value) {
        return new EngineConfig(path, pingInterval, pingTimeout, maxPayload, value, requestTimeout,
                keepAliveTimeout, maxBufferedBytes, origins, corsCredentials, caps);
    }

    public EngineConfig withMaxBufferedBytes(long value) {
        return new EngineConfig(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, requestTimeout,
                keepAliveTimeout, value, origins, corsCredentials, caps);
    }

    /**
     * Allows exactly these origins ({@code scheme://host[:port]}) on polling and WebSocket;
     * with no argument, none (the default).
     */
    public EngineConfig withAllowedOrigins(String... allowed) {
        return withOrigins(OriginPolicy.allowList(List.of(allowed)));
    }

    /** Lets every origin in: the explicit opt-in for public endpoints (the reference test suite uses it). */
    public EngineConfig withAnyOrigin() {
        return withOrigins(OriginPolicy.allowAny());
    }

    public EngineConfig withOrigins(OriginPolicy value) {
        return new EngineConfig(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, requestTimeout,
                keepAliveTimeout, maxBufferedBytes, value, corsCredentials, caps);
    }

    /** Credentialed CORS on polling ({@code Access-Control-Allow-Credentials: true}, the origin named). */
    public EngineConfig withCorsCredentials(boolean value) {
        return new EngineConfig(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, requestTimeout,
                keepAliveTimeout, maxBufferedBytes, origins, value, caps);
    }

    public EngineConfig withCaps(SessionCaps value) {
        return new EngineConfig(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, requestTimeout,
                keepAliveTimeout, maxBufferedBytes, origins, corsCredentials, value);
    }

    /** At most {@code value} open sessions on this server (503 beyond). */
    public EngineConfig withMaxSessions(int value) {
        return withCaps(caps.withMaxSessions(value));
    }

    /** At most {@code perWindow} new sessions per remote address per {@code window} (503 beyond). */
    public EngineConfig withHandshakeRate(int perWindow, Duration window) {
        return withCaps(caps.withHandshakeRate(perWindow, window));
    }

    /** HTTP limits: the default header limits, bodies up to {@link #maxPayload}. */
    public HttpLimits httpLimits() {
        return HttpLimits.defaults().withMaxBodyBytes(maxPayload);
    }

    /**
     * The WebSocket limits: a message may not exceed {@link #maxPayload} (close 1009 beyond);
     * a frame may always hold at least 125 bytes, so every control frame fits (RFC 6455 §5.5).
     */
    public ProtocolConfig webSocketProtocol() {
        return ProtocolConfig.defaults()
                .withMaxFramePayload(Math.max(125, maxPayload))
                .withMaxMessageSize(maxPayload);
    }

    /** The JSON of the open packet's data. */
    String openJson(String sid, boolean canUpgrade) {
        return "{\"sid\":\"" + sid + "\",\"upgrades\":" + (canUpgrade ? "[\"websocket\"]" : "[]")
                + ",\"pingInterval\":" + pingInterval.toMillis() + ",\"pingTimeout\":" + pingTimeout.toMillis()
                + ",\"maxPayload\":" + maxPayload + "}";
    }
}
