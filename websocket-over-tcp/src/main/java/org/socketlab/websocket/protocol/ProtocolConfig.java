package org.socketlab.websocket.protocol;

import java.time.Duration;
import java.util.Objects;

/**
 * Every limit and timer of one WebSocket connection, with safe defaults.
 *
 * @param maxFramePayload largest frame payload accepted; a larger declared length fails with 1009
 *                        before anything is allocated
 * @param maxMessageSize  largest reassembled message; larger fails with 1009 (RFC 6455 §10.4)
 * @param pingInterval    send a ping after this much silence from the peer; {@link Duration#ZERO} = off
 * @param pongTimeout     fail the connection with 1011 when our ping gets no pong in this time;
 *                        ZERO = wait forever
 * @param idleTimeout     report {@code Failed(1001)} and start a close when nothing was received for
 *                        this long; ZERO = off
 * @param closeTimeout    how long to wait for the peer's close frame / TCP close after we sent ours
 * @param autoPong        answer pings with pongs automatically (RFC 6455 §5.5.2)
 * @param frameTimeout    a peer that has started a frame (sent its first byte) must finish it within
 *                        this time, else the connection is failed with 1008; bounds what a peer
 *                        that declares a large frame and then goes silent can hold (issue 17);
 *                        ZERO = no limit
 */
public record ProtocolConfig(long maxFramePayload, long maxMessageSize, Duration pingInterval,
                             Duration pongTimeout, Duration idleTimeout, Duration closeTimeout,
                             boolean autoPong, Duration frameTimeout) {

    public static final long ONE_MIB = 1L << 20;
    /** Default {@link #frameTimeout}: a 1 MiB frame at 150 kbit/s still fits. */
    public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(60);

    /** The configuration before {@code frameTimeout} existed; it gets {@link #DEFAULT_FRAME_TIMEOUT}. */
    public ProtocolConfig(long maxFramePayload, long maxMessageSize, Duration pingInterval, Duration pongTimeout,
                          Duration idleTimeout, Duration closeTimeout, boolean autoPong) {
        this(maxFramePayload, maxMessageSize, pingInterval, pongTimeout, idleTimeout, closeTimeout, autoPong,
                DEFAULT_FRAME_TIMEOUT);
    }

    public ProtocolConfig {
        if (maxFramePayload < 125 || maxFramePayload > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(("maxFramePayload is %d; it must be between 125 (every control frame "
                    + "must fit, RFC 6455 §5.5) and %d (one Java array)").formatted(maxFramePayload, Integer.MAX_VALUE - 8));
        }
        if (maxMessageSize < 0 || maxMessageSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxMessageSize is %d; it must be between 0 and %d (one Java array)".formatted(maxMessageSize, Integer.MAX_VALUE - 8));
        }
        requireNonNegative("pingInterval", pingInterval);
        requireNonNegative("pongTimeout", pongTimeout);
        requireNonNegative("idleTimeout", idleTimeout);
        requireNonNegative("closeTimeout", closeTimeout);
        requireNonNegative("frameTimeout", frameTimeout);
    }

    /** 1 MiB frames and messages, no pings, 10 s pong timeout, no idle timeout, 5 s close timeout, auto-pong, 60 s per frame. */
    public static ProtocolConfig defaults() {
        return new ProtocolConfig(ONE_MIB, ONE_MIB, Duration.ZERO, Duration.ofSeconds(10), Duration.ZERO,
                Duration.ofSeconds(5), true);
    }

    public ProtocolConfig withMaxFramePayload(long value) {
        return new ProtocolConfig(value, maxMessageSize, pingInterval, pongTimeout, idleTimeout, closeTimeout, autoPong, frameTimeout);
    }

    public ProtocolConfig withMaxMessageSize(long value) {
        return new ProtocolConfig(maxFramePayload, value, pingInterval, pongTimeout, idleTimeout, closeTimeout, autoPong, frameTimeout);
    }

    public ProtocolConfig withPingInterval(Duration value) {
        return new ProtocolConfig(maxFramePayload, maxMessageSize, value, pongTimeout, idleTimeout, closeTimeout, autoPong, frameTimeout);
    }

    public ProtocolConfig withPongTimeout(Duration value) {
        return new ProtocolConfig(maxFramePayload, maxMessageSize, pingInterval, value, idleTimeout, closeTimeout, autoPong, frameTimeout);
    }

    public ProtocolConfig withIdleTimeout(Duration value) {
        return new ProtocolConfig(maxFramePayload, maxMessageSize, pingInterval, pongTimeout, value, closeTimeout, autoPong, frameTimeout);
    }

    public ProtocolConfig withCloseTimeout(Duration value) {
        return new ProtocolConfig(maxFramePayload, maxMessageSize, pingInterval, pongTimeout, idleTimeout, value, autoPong, frameTimeout);
    }

    public ProtocolConfig withAutoPong(boolean value) {
        return new ProtocolConfig(maxFramePayload, maxMessageSize, pingInterval, pongTimeout, idleTimeout, closeTimeout, value, frameTimeout);
    }

    public ProtocolConfig withFrameTimeout(Duration value) {
        return new ProtocolConfig(maxFramePayload, maxMessageSize, pingInterval, pongTimeout, idleTimeout, closeTimeout, autoPong, value);
    }

    private static void requireNonNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " is " + value + "; it cannot be negative");
        }
    }
}
