package org.socketlab.websocket.transport;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The end of a {@link LoopConnection}, without blocking the loop: drain the queue (our close
 * frame last) for at most the close timeout, half-close, discard what the peer still sends
 * until its FIN or {@link LingeringClose#LINGER_MILLIS}, then close — the same lingering close
 * as the blocking {@link LingeringClose}, as phases driven by readiness and timers.
 *
 * <p>Loop thread only.
 */
final class LoopClose {

    private static final Logger LOG = System.getLogger(LoopClose.class.getName());

    private enum Phase { OPEN, DRAINING, LINGERING, CLOSED }

    private final LoopConnection connection;
    private final SocketChannel channel;
    private final OutboundQueue outbound;
    private final Duration closeTimeout;
    private Runnable onFinished = () -> { };
    private Phase phase = Phase.OPEN;
    private long deadline = Long.MAX_VALUE;

    LoopClose(LoopConnection connection, SocketChannel channel, OutboundQueue outbound, Duration closeTimeout) {
        this.connection = connection;
        this.channel = channel;
        this.outbound = outbound;
        this.closeTimeout = closeTimeout;
    }

    void onFinished(Runnable callback) {
        this.onFinished = callback;
    }

    boolean isOpen() {
        return phase == Phase.OPEN;
    }

    boolean isLingering() {
        return phase == Phase.LINGERING;
    }

    boolean isClosed() {
        return phase == Phase.CLOSED;
    }

    /** When the current phase gives up waiting, or {@code Long.MAX_VALUE} while open. */
    long deadline() {
        return deadline;
    }

    /** TCP must close (RFC 6455 §7.1.1): no more reads or appends; drain what is queued. */
    void begin() {
        if (phase != Phase.OPEN) {
            return;
        }
        phase = Phase.DRAINING;
        deadline = System.nanoTime() + closeTimeout.toNanos();
        outbound.finish();
        connection.interestChanged();
        connection.flush(); // may linger at once (afterFlush)
        connection.reschedule();
    }

    /** After each flush: a drained queue moves on to the half-close. */
    void afterFlush() {
        if (phase == Phase.DRAINING && outbound.isDone()) {
            linger();
        }
    }

    private void linger() {
        phase = Phase.LINGERING;
        try {
            channel.shutdownOutput(); // FIN: the peer reads our close frame, then EOF
        } catch (IOException e) {
            close();
            return;
        }
        deadline = System.nanoTime() + LingeringClose.LINGER_MILLIS * 1_000_000L;
        connection.interestChanged();
        connection.reschedule();
    }

    /**
     * Readable while lingering: read into {@code discard} (the loop's read buffer) and drop, until
     * the peer's FIN. Returns how many bytes were read and dropped.
     */
    long discardInput(ByteBuffer discard) {
        long dropped = 0;
        try {
            while (true) {
                discard.clear();
                int n = channel.read(discard);
                if (n < 0) {
                    close();
                    return dropped;
                }
                if (n == 0) {
                    return dropped;
                }
                dropped += n;
            }
        } catch (IOException e) {
            close(); // reset or closed: nothing left to wait for
            return dropped;
        }
    }

    void timerDue(long nowNanos) {
        if (nowNanos < deadline) {
            return;
        }
        if (phase == Phase.DRAINING) {
            LOG.log(Level.DEBUG, "{0}: queued bytes not written within {1}; closing anyway", connection, closeTimeout);
            outbound.fail(new IOException("close timeout"));
            connection.abandonWrites();
            linger();
        } else if (phase == Phase.LINGERING) {
            close();
        }
    }

    /** Ends at once (a failed write, a stall, the loop stopping); an open connection reports 1006. */
    void abort() {
        if (phase == Phase.CLOSED) {
            return;
        }
        boolean wasOpen = phase == Phase.OPEN;
        phase = Phase.CLOSED;
        closeChannel();
        outbound.fail(new IOException("connection aborted"));
        if (wasOpen) {
            connection.reportLoss();
        }
        finish();
    }

    private void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        closeChannel();
        outbound.fail(new IOException("connection closed"));
        finish();
    }

    private void finish() {
        deadline = Long.MAX_VALUE;
        connection.finished();
        try {
            onFinished.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "after " + connection + " closed", e);
        }
    }

    private void closeChannel() {
        try {
            channel.close(); // also cancels the selection key (epoll_ctl DEL)
        } catch (IOException ignored) {
            // Best effort: the peer may be gone already.
        }
    }
}
