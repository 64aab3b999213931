package org.socketlab.websocket.socketio.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.socketio.engine.SessionState.Mode;

/**
 * The upgrade of one polling {@link EngineSession} to a WebSocket (Engine.IO v4, "Upgrade"): a
 * WebSocket opened with the sid sends {@code 2probe}, gets {@code 3probe} (and the pending GET
 * ends so the client pauses polling), then sends {@code 5}; the queued packets follow on the
 * WebSocket. Anything else, a closed probe, or no {@code 5} within {@code upgradeTimeout}
 * abandons the probe (closed with 1002) and polling resumes.
 *
 * <p>Thread-safety: any thread; state is the session's {@link SessionState}, under its lock.
 */
final class UpgradeProbe {

    private static final Logger LOG = System.getLogger(UpgradeProbe.class.getName());

    private final EngineSession session;
    private final SessionState state;
    private final EngineServer server;
    private final EngineHeartbeat heartbeat;

    UpgradeProbe(EngineSession session, SessionState state, EngineServer server, EngineHeartbeat heartbeat) {
        this.session = session;
        this.state = state;
        this.server = server;
        this.heartbeat = heartbeat;
    }

    /** True while a WebSocket may start probing this session (polling, no probe yet). */
    boolean canUpgrade() {
        state.lock.lock();
        try {
            return state.mode == Mode.POLLING && state.probe == null;
        } finally {
            state.lock.unlock();
        }
    }

    /** A WebSocket opened with this sid: it must send {@code 2probe} and then {@code 5} in time. */
    boolean attach(Session candidate) {
        state.lock.lock();
        try {
            if (state.mode != Mode.POLLING || state.probe != null) {
                return false;
            }
            state.probe = candidate;
            EngineConfig config = server.config();
            state.upgradeTimer = server.schedule(() -> abandon(candidate, "no upgrade within " + config.upgradeTimeout()),
                    config.upgradeTimeout());
            return true;
        } finally {
            state.lock.unlock();
        }
    }

    /** Upgrade steps, under the lock: {@code 2probe} → {@code 3probe} (and end the poll), then {@code 5}. */
    void stepLocked(Session from, EnginePacket packet) {
        if (state.mode == Mode.POLLING && packet.type() == EnginePacketType.PING && !packet.isBinary()
                && packet.text().equals("probe")) {
            session.write(from, EnginePacket.of(EnginePacketType.PONG, "probe"));
            state.mode = Mode.UPGRADING; // a pending GET returns now so the client can pause polling
            state.changed.signalAll();
        } else if (state.mode == Mode.UPGRADING && packet.type() == EnginePacketType.UPGRADE) {
            SessionState.cancel(state.upgradeTimer);
            state.webSocket = from;
            state.probe = null;
            state.mode = Mode.WEBSOCKET;
            state.takeOutbox().forEach(queued -> session.write(from, queued));
            state.changed.signalAll();
            heartbeat.pingFlushed();
            LOG.log(Level.DEBUG, "session {0} upgraded to websocket", session.id());
        } else {
            abandonLocked(from, "unexpected " + packet + " during the upgrade");
        }
    }

    private void abandon(Session candidate, String why) {
        state.lock.lock();
        try {
            if (candidate == state.probe) {
                abandonLocked(candidate, why);
            }
        } finally {
            state.lock.unlock();
        }
    }

    /** Drops the probe (closed with 1002); a paused polling client may poll again. Under the lock. */
    void abandonLocked(Session candidate, String why) {
        LOG.log(Level.DEBUG, "session {0}: upgrade abandoned: {1}", session.id(), why);
        state.probe = null;
        SessionState.cancel(state.upgradeTimer);
        if (state.mode == Mode.UPGRADING) {
            state.mode = Mode.POLLING;
            state.changed.signalAll();
            heartbeat.pingFlushed(); // polling resumes: a deferred ping can be fetched now
        }
        candidate.close(1002, "upgrade failed");
    }
}
