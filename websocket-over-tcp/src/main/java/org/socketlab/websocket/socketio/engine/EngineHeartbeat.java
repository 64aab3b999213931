package org.socketlab.websocket.socketio.engine;

import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The server-initiated heartbeat of Engine.IO v4: {@code pingInterval} after the open packet
 * (and after each pong) the server sends ping {@code 2}; if pong {@code 3} does not follow
 * within {@code pingTimeout} of the ping being sent, the session is closed ("ping timeout").
 *
 * <p>"Sent" is when the ping can reach the client, as in the reference server, which starts the
 * timeout when it hands the ping to the transport. One case differs from queuing: during an
 * upgrade the client has paused polling and the new WebSocket is not active yet, so a ping
 * queued then waits for the upgrade to end ({@link #pingFlushed}) before its timeout starts.
 * The upgrade timeout bounds that wait. Thread-safe.
 */
final class EngineHeartbeat {

    /** What became of a ping the heartbeat asked for. */
    enum Delivery {
        /** On its way to the client: the timeout starts now. */
        SENT,
        /** Queued behind an upgrade in progress: the timeout starts at {@link #pingFlushed}. */
        DEFERRED,
        /** The session is closed: the heartbeat ends. */
        SESSION_CLOSED
    }

    private final EngineServer server;
    private final EngineConfig config;
    private final Supplier<Delivery> sendPing;
    private final Runnable timedOut;
    private Future<?> timer;
    private boolean stopped;
    private boolean pingDeferred;
    /** When the pending ping's timeout is due ({@code System.nanoTime()}), or 0 when none is pending. */
    private long timeoutDueNanos;

    /**
     * @param sendPing queues a ping and says whether it could leave now
     * @param timedOut closes the session
     */
    EngineHeartbeat(EngineServer server, EngineConfig config, Supplier<Delivery> sendPing, Runnable timedOut) {
        this.server = server;
        this.config = config;
        this.sendPing = sendPing;
        this.timedOut = timedOut;
    }

    synchronized void start() {
        if (!stopped) {
            timer = server.schedule(this::ping, config.pingInterval());
        }
    }

    /** A pong arrived: the peer is alive; the next ping is due one interval from now. */
    synchronized void pong() {
        if (!stopped) {
            cancel();
            pingDeferred = false;
            timeoutDueNanos = 0;
            timer = server.schedule(this::ping, config.pingInterval());
        }
    }

    /** The transport that holds a deferred ping is active again: its timeout starts now. */
    synchronized void pingFlushed() {
        if (!stopped && pingDeferred) {
            pingDeferred = false;
            startTimeout();
        }
    }

    /**
     * True when the pending ping's timeout is due, even if its timer has not run yet: a request
     * that arrives at that moment must find the session gone, not race the timer thread.
     */
    synchronized boolean overdue(long nowNanos) {
        return !stopped && timeoutDueNanos != 0 && nowNanos - timeoutDueNanos >= 0;
    }

    synchronized void stop() {
        stopped = true;
        cancel();
    }

    private void ping() {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        Delivery delivery = sendPing.get();
        synchronized (this) {
            if (stopped || delivery == Delivery.SESSION_CLOSED) {
                return;
            }
            if (delivery == Delivery.DEFERRED) {
                pingDeferred = true;
            } else {
                startTimeout();
            }
        }
    }

    private void startTimeout() {
        timeoutDueNanos = System.nanoTime() + config.pingTimeout().toNanos();
        timeoutDueNanos = timeoutDueNanos == 0 ? 1 : timeoutDueNanos;
        timer = server.schedule(timedOut, config.pingTimeout());
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
