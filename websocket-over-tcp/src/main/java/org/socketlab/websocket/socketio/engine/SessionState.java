package org.socketlab.websocket.socketio.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.socketlab.websocket.api.Session;

/**
 * What one {@link EngineSession} knows, shared by its jobs: the session itself (heartbeat,
 * close, delivery), its {@link PollingTransport} (the outbox a long-poll drains, held GETs,
 * POST bodies) and its {@link UpgradeProbe} (the WebSocket probe). Every field is guarded by
 * {@link #lock}; {@link #changed} is signalled whenever the outbox or the mode changes, which is
 * what a held GET waits for.
 */
final class SessionState {

    /** Which transport carries the session (Engine.IO v4, "Transports" and "Upgrade"). */
    enum Mode { POLLING, UPGRADING, WEBSOCKET, CLOSED }

    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final ArrayDeque<EnginePacket> outbox = new ArrayDeque<>();
    long outboxBytes;
    Mode mode;
    /** The active WebSocket (null while polling). */
    Session webSocket;
    /** The WebSocket probing an upgrade (null when none). */
    Session probe;
    boolean pollWaiting;
    boolean postActive;
    Future<?> upgradeTimer;

    SessionState(Session webSocket) {
        this.webSocket = webSocket;
        this.mode = webSocket == null ? Mode.POLLING : Mode.WEBSOCKET;
    }

    /** The queued packets, taken out of the outbox (which is left empty). Under the lock. */
    List<EnginePacket> takeOutbox() {
        List<EnginePacket> packets = new ArrayList<>(outbox);
        clearOutbox();
        return packets;
    }

    /** Under the lock. */
    void clearOutbox() {
        outbox.clear();
        outboxBytes = 0;
    }

    static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
