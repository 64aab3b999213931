package org.socketlab.websocket.protocol;

import java.time.Duration;
import org.socketlab.websocket.frame.Role;

/**
 * The timing rules of the closing handshake (RFC 6455 §7.1.1–§7.1.3), apart from the frames:
 * how long to wait for the peer's close frame, and who closes TCP first.
 *
 * <ul>
 *   <li>The server closes TCP as soon as the handshake completes or the connection fails,
 *       so that it, not the client, holds TIME_WAIT (§7.1.1).</li>
 *   <li>A client whose handshake completed cleanly waits for the server's TCP close, at most
 *       {@code closeTimeout}, then closes itself.</li>
 *   <li>After sending a close frame, an endpoint waits at most {@code closeTimeout} for the
 *       peer's close frame before giving up (the connection then ends abnormally, 1006).</li>
 * </ul>
 * Not thread-safe; owned by one {@link WebSocketProtocol}.
 */
final class CloseHandshake {

    private final Role role;
    private final long closeTimeoutNanos;

    private boolean waitingForCloseFrame;
    private long closeSentNanos;
    private boolean waitingForTransportClose;
    private long completedNanos;
    private boolean transportCloseDue;

    CloseHandshake(Role role, Duration closeTimeout) {
        this.role = role;
        this.closeTimeoutNanos = closeTimeout.toNanos();
    }

    /** We sent the first close frame; the peer's answer is now awaited. */
    void closeSentFirst(long nowNanos) {
        waitingForCloseFrame = true;
        closeSentNanos = nowNanos;
    }

    /** Both close frames have been exchanged. */
    void completed(long nowNanos) {
        waitingForCloseFrame = false;
        if (role == Role.SERVER) {
            transportCloseDue = true;
        } else {
            waitingForTransportClose = true;
            completedNanos = nowNanos;
        }
    }

    /** The connection ended without a complete handshake (failure, EOF, timeout): close TCP now. */
    void abandon() {
        waitingForCloseFrame = false;
        waitingForTransportClose = false;
        transportCloseDue = true;
    }

    /** The peer closed TCP. */
    void transportClosedByPeer() {
        abandon();
    }

    /** True when the wait for the peer's close frame has run out at {@code nowNanos}. */
    boolean closeFrameOverdue(long nowNanos) {
        return waitingForCloseFrame && nowNanos - closeSentNanos >= closeTimeoutNanos;
    }

    /** Lets a client stop waiting for the server's TCP close once closeTimeout has passed. */
    void tick(long nowNanos) {
        if (waitingForTransportClose && nowNanos - completedNanos >= closeTimeoutNanos) {
            waitingForTransportClose = false;
            transportCloseDue = true;
        }
    }

    boolean transportCloseDue() {
        return transportCloseDue;
    }

    /** The next time {@link #tick} or {@link #closeFrameOverdue} may change its answer. */
    long nextDeadlineNanos() {
        if (waitingForCloseFrame) {
            return closeSentNanos + closeTimeoutNanos;
        }
        if (waitingForTransportClose) {
            return completedNanos + closeTimeoutNanos;
        }
        return Long.MAX_VALUE;
    }
}
