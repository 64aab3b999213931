package org.socketlab.websocket.server;

import java.time.Duration;
import java.util.Objects;
import org.socketlab.websocket.http.HttpLimits;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.transport.ConnectionSettings;

/**
 * Every limit and timer of a {@link WebSocketServer}, in one place, with safe defaults
 * ({@link #defaults()}). Each value is documented in the README's configuration table.
 *
 * @param handshakeTimeout  the whole opening handshake (TLS included) must arrive within this;
 *                          slower clients (slowloris) are cut at the deadline
 * @param http              request-line and header limits for the upgrade request
 * @param maxConnections    open connections, handshakes in progress included; the next one gets 503
 * @param protocol          frame and message limits, ping interval, pong/idle/close timeouts
 * @param maxBufferedBytes  outbound queue per connection; senders wait beyond it
 * @param sendTimeout       a sender waiting longer than this for queue space aborts the connection
 * @param shutdownTimeout   graceful stop: how long sessions get to finish the close handshake
 * @param frontDoor         HTTP/1.1 body deadline, keep-alive idle time, write timeout, requests
 *                          per connection (the front door's own limits)
 */
public record ServerConfig(Duration handshakeTimeout, HttpLimits http, int maxConnections,
                           ProtocolConfig protocol, long maxBufferedBytes, Duration sendTimeout,
                           Duration shutdownTimeout, FrontDoorLimits frontDoor) {

    public ServerConfig {
        requirePositive("handshakeTimeout", handshakeTimeout);
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(protocol, "protocol");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections is " + maxConnections + "; it must be at least 1");
        }
        if (maxBufferedBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBytes is " + maxBufferedBytes + "; it must be at least 1");
        }
        requirePositive("sendTimeout", sendTimeout);
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(frontDoor, "frontDoor");
    }

    /**
     * 10 s handshake, default HTTP limits (8 KiB line and headers, 100 headers), 10,000
     * connections, the protocol defaults (1 MiB frames and messages, ping off, 10 s pong
     * timeout, idle off, 5 s close timeout), 4 MiB outbound queue, 30 s send timeout, 10 s
     * shutdown, and {@link FrontDoorLimits#defaults()}.
     */
    public static ServerConfig defaults() {
        return new ServerConfig(Duration.ofSeconds(10), HttpLimits.defaults(), 10_000,
                ProtocolConfig.defaults(), 4L << 20, Duration.ofSeconds(30), Duration.ofSeconds(10),
                FrontDoorLimits.defaults());
    }

    public ServerConfig withHandshakeTimeout(Duration value) {
        return new ServerConfig(value, http, maxConnections, protocol, maxBufferedBytes, sendTimeout, shutdownTimeout, frontDoor);
    }

    public ServerConfig withHttp(HttpLimits value) {
        return new ServerConfig(handshakeTimeout, value, maxConnections, protocol, maxBufferedBytes, sendTimeout, shutdownTimeout, frontDoor);
    }

    public ServerConfig withMaxConnections(int value) {
        return new ServerConfig(handshakeTimeout, http, value, protocol, maxBufferedBytes, sendTimeout, shutdownTimeout, frontDoor);
    }

    public ServerConfig withProtocol(ProtocolConfig value) {
        return new ServerConfig(handshakeTimeout, http, maxConnections, value, maxBufferedBytes, sendTimeout, shutdownTimeout, frontDoor);
    }

    public ServerConfig withMaxBufferedBytes(long value) {
        return new ServerConfig(handshakeTimeout, http, maxConnections, protocol, value, sendTimeout, shutdownTimeout, frontDoor);
    }

    public ServerConfig withSendTimeout(Duration value) {
        return new ServerConfig(handshakeTimeout, http, maxConnections, protocol, maxBufferedBytes, value, shutdownTimeout, frontDoor);
    }

    public ServerConfig withShutdownTimeout(Duration value) {
        return new ServerConfig(handshakeTimeout, http, maxConnections, protocol, maxBufferedBytes, sendTimeout, value, frontDoor);
    }

    public ServerConfig withFrontDoor(FrontDoorLimits value) {
        return new ServerConfig(handshakeTimeout, http, maxConnections, protocol, maxBufferedBytes, sendTimeout,
                shutdownTimeout, value);
    }

    /** The adapter-level part, handed to each connection. */
    ConnectionSettings connectionSettings() {
        return new ConnectionSettings(maxBufferedBytes, sendTimeout, protocol.closeTimeout());
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be positive");
        }
    }
}
