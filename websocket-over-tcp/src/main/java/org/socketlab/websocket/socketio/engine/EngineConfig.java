package org.socketlab.websocket.socketio.engine;

import java.time.Duration;
import java.util.Objects;
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
 */
public record EngineConfig(String path, Duration pingInterval, Duration pingTimeout, int maxPayload,
                           Duration upgradeTimeout, Duration requestTimeout, Duration keepAliveTimeout,
                           long maxBufferedBytes) {

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
        if (maxBufferedBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBytes is " + maxBufferedBytes + "; it must be at least 1");
        }
    }

    /**
     * {@code /socket.io/}, ping every 25 s, 20 s pong timeout, 1,000,000-byte payloads (the
     * reference defaults), 10 s upgrade, 10 s per request, 60 s keep-alive, 4 MiB queue.
     */
    public static EngineConfig defaults() {
        return new EngineConfig("/socket.io/", Duration.ofSeconds(25), Duration.ofSeconds(20), 1_000_000,
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60), 4L << 20);
    }

    public EngineConfig withPath(String value) {
        String normalised = value.endsWith("/") ? value : value + "/";
        return new EngineConfig(normalised, pingInterval, pingTimeout, maxPayload, upgradeTimeout, requestTimeout,
                keepAliveTimeout, maxBufferedBytes);
    }

    public EngineConfig withPingInterval(Duration value) {
        return new EngineConfig(path, value, pingTimeout, maxPayload, upgradeTimeout, requestTimeout,
                keepAliveTimeout, maxBufferedBytes);
    }

    public EngineConfig withPingTimeout(Duration value) {
        return new EngineConfig(path, pingInterval, value, maxPayload, upgradeTimeout, requestTimeout,
                keepAliveTimeout, maxBufferedBytes);
    }

    public EngineConfig withMaxPayload(int value) {
        return new EngineConfig(path, pingInterval, pingTimeout, value, upgradeTimeout, requestTimeout,
                keepAliveTimeout, maxBufferedBytes);
    }

    public EngineConfig withUpgradeTimeout(Duration value) {
        return new EngineConfig(path, pingInterval, pingTimeout, maxPayload, value, requestTimeout,
                keepAliveTimeout, maxBufferedBytes);
    }

    public EngineConfig withMaxBufferedBytes(long value) {
        return new EngineConfig(path, pingInterval, pingTimeout, maxPayload, upgradeTimeout, requestTimeout,
                keepAliveTimeout, value);
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
