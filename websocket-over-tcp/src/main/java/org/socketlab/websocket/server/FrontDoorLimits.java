package org.socketlab.websocket.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The HTTP/1.1 limits of the front door that {@link ServerConfig} does not already name (the
 * request head deadline is {@link ServerConfig#handshakeTimeout()}, header and body sizes are
 * {@link ServerConfig#http()}, the connection cap is {@link ServerConfig#maxConnections()}).
 * One record shared by every route mounted on a {@link FrontDoor}.
 *
 * @param bodyTimeout              once a request head is complete, its whole body must arrive
 *                                 within this (408 and close otherwise)
 * @param keepAliveTimeout         a persistent connection waiting for its next request is closed
 *                                 after this (RFC 9112 §9.8 lets a server close an idle connection)
 * @param writeTimeout             a response write (a head, a body, one chunk of a stream) that makes
 *                                 no progress for this long drops the connection: a reader that
 *                                 stops reading cannot hold a thread and a send buffer forever
 * @param maxRequestsPerConnection after this many requests the response says {@code Connection: close}
 */
public record FrontDoorLimits(Duration bodyTimeout, Duration keepAliveTimeout, Duration writeTimeout,
                              int maxRequestsPerConnection) {

    public FrontDoorLimits {
        requirePositive("bodyTimeout", bodyTimeout);
        requirePositive("keepAliveTimeout", keepAliveTimeout);
        requirePositive("writeTimeout", writeTimeout);
        if (maxRequestsPerConnection < 1) {
            throw new IllegalArgumentException("maxRequestsPerConnection is " + maxRequestsPerConnection
                    + "; it must be at least 1");
        }
    }

    /** 30 s for a body, 15 s idle between requests, 30 s write timeout, 1,000 requests per connection. */
    public static FrontDoorLimits defaults() {
        return new FrontDoorLimits(Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(30), 1_000);
    }

    public FrontDoorLimits withBodyTimeout(Duration value) {
        return new FrontDoorLimits(value, keepAliveTimeout, writeTimeout, maxRequestsPerConnection);
    }

    public FrontDoorLimits withKeepAliveTimeout(Duration value) {
        return new FrontDoorLimits(bodyTimeout, value, writeTimeout, maxRequestsPerConnection);
    }

    public FrontDoorLimits withWriteTimeout(Duration value) {
        return new FrontDoorLimits(bodyTimeout, keepAliveTimeout, value, maxRequestsPerConnection);
    }

    public FrontDoorLimits withMaxRequestsPerConnection(int value) {
        return new FrontDoorLimits(bodyTimeout, keepAliveTimeout, writeTimeout, value);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be positive");
        }
    }
}
