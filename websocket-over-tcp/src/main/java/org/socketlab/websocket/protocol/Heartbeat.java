package org.socketlab.websocket.protocol;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Keep-alive and idle timers, driven only by the time passed in (no clock is read here).
 *
 * <ul>
 *   <li>Ping: when nothing arrived for {@code pingInterval}, send a ping (RFC 6455 §5.5.2) whose
 *       payload is a sequence number;</li>
 *   <li>pong timeout: if no pong with that payload arrives within {@code pongTimeout}, the peer is
 *       considered gone;</li>
 *   <li>idle: when nothing arrived for {@code idleTimeout}, the connection is closed.</li>
 * </ul>
 * A zero duration turns a timer off. All comparisons subtract first, so they survive the
 * wrap-around of {@link System#nanoTime()} values.
 *
 * <p>Not thread-safe; owned by one {@link WebSocketProtocol}.
 */
final class Heartbeat {

    /** What {@link #due(long)} asks the connection to do. */
    enum Action { NONE, SEND_PING, PONG_TIMEOUT, IDLE_TIMEOUT }

    private final long pingIntervalNanos;
    private final long pongTimeoutNanos;
    private final long idleTimeoutNanos;

    private long lastReceivedNanos;
    private long pingSentNanos;
    private boolean awaitingPong;
    private long pingSequence;

    Heartbeat(Duration pingInterval, Duration pongTimeout, Duration idleTimeout, long nowNanos) {
        this.pingIntervalNanos = pingInterval.toNanos();
        this.pongTimeoutNanos = pongTimeout.toNanos();
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.lastReceivedNanos = nowNanos;
    }

    /** Any bytes from the peer prove it is alive and reset the ping and idle timers. */
    void onBytesReceived(long nowNanos) {
        lastReceivedNanos = nowNanos;
    }

    /** A pong answers our outstanding ping when it echoes its payload (RFC 6455 §5.5.3). */
    void onPong(ByteBuffer payload) {
        // BEGIN SOLUTION lab=10 task="accept a pong only when it echoes the outstanding ping (RFC 6455 §5.5.3)"
        if (awaitingPong && payload.remaining() == Long.BYTES && payload.getLong(payload.position()) == pingSequence) {
            awaitingPong = false;
        }
        // END SOLUTION
    }

    /** The timer that fired at {@code nowNanos}, in order of severity. */
    Action due(long nowNanos) {
        // BEGIN SOLUTION lab=10 task="decide which timer fired: pong timeout, idle timeout or time to ping (RFC 6455 §5.5.2)"
        if (awaitingPong && pongTimeoutNanos > 0 && nowNanos - pingSentNanos >= pongTimeoutNanos) {
            return Action.PONG_TIMEOUT;
        }
        if (idleTimeoutNanos > 0 && nowNanos - lastReceivedNanos >= idleTimeoutNanos) {
            return Action.IDLE_TIMEOUT;
        }
        if (!awaitingPong && pingIntervalNanos > 0 && nowNanos - lastReceivedNanos >= pingIntervalNanos) {
            return Action.SEND_PING;
        }
        return Action.NONE;
        // END SOLUTION
    }

    /** Records that a ping goes out now and returns its payload. */
    ByteBuffer pingSent(long nowNanos) {
        pingSequence++;
        pingSentNanos = nowNanos;
        awaitingPong = true;
        return ByteBuffer.allocate(Long.BYTES).putLong(0, pingSequence);
    }

    /** The earliest time at which {@link #due(long)} may return something other than NONE. */
    long nextDeadlineNanos() {
        long next = Long.MAX_VALUE;
        if (awaitingPong && pongTimeoutNanos > 0) {
            next = pingSentNanos + pongTimeoutNanos;
        }
        if (idleTimeoutNanos > 0) {
            next = earlier(next, lastReceivedNanos + idleTimeoutNanos);
        }
        if (!awaitingPong && pingIntervalNanos > 0) {
            // The pong that ended the last round was itself received, so this covers it too.
            next = earlier(next, lastReceivedNanos + pingIntervalNanos);
        }
        return next;
    }

    private static long earlier(long a, long b) {
        return a == Long.MAX_VALUE ? b : b == Long.MAX_VALUE ? a : (a - b <= 0 ? a : b);
    }
}
