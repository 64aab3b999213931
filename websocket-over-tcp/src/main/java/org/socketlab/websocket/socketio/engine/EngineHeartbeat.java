package org.socketlab.websocket.socketio.engine;

import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * The server-initiated heartbeat of Engine.IO v4: {@code pingInterval} after the open packet
 * (and after each pong) the server sends ping {@code 2}; if pong {@code 3} does not follow
 * within {@code pingTimeout}, the session is closed ("ping timeout"). Thread-safe.
 */
final class EngineHeartbeat {

    private final EngineServer server;
    private final EngineConfig config;
    private final BooleanSupplier sendPing;
    private final Runnable timedOut;
    private Future<?> timer;
    private boolean stopped;

    /**
     * @param sendPing queues a ping; false when the session is already closed
     * @param timedOut closes the session
     */
    EngineHeartbeat(EngineServer server, EngineConfig config, BooleanSupplier sendPing, Runnable timedOut) {
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
            timer = server.schedule(this::ping, config.pingInterval());
        }
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
        if (!sendPing.getAsBoolean()) {
            return;
        }
        synchronized (this) {
            if (!stopped) {
                timer = server.schedule(timedOut, config.pingTimeout());
            }
        }
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
