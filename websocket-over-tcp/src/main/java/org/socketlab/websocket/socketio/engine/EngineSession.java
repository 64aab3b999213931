package org.socketlab.websocket.socketio.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.socketio.engine.SessionState.Mode;

/**
 * One Engine.IO v4 session (one client, identified by its {@code sid}), whatever transport
 * carries it: the outbox a long-poll drains ({@link PollingTransport}), the active WebSocket
 * after an upgrade, the probe during one ({@link UpgradeProbe}), and the heartbeat
 * ({@link EngineHeartbeat}). This class routes packets and closes the session.
 *
 * <p>Thread-safety: every method may be called from any thread. State ({@link SessionState}) is
 * guarded by one lock; {@link Listener} callbacks run outside it, one at a time per session (a
 * second lock serialises them), on the thread that received the packet — a POST's, the
 * WebSocket reader, or a timer's virtual thread for {@link Listener#onClose}.
 */
public final class EngineSession {

    /** What the layer above (Socket.IO) hears from a session. */
    public interface Listener {
        /** A MESSAGE packet arrived (text or binary). */
        void onMessage(EngineSession session, EnginePacket packet);

        /** The session ended; called once. Reasons as in the reference server: "transport close", "ping timeout", "parse error", "forced close", "server shutting down". */
        void onClose(EngineSession session, String reason);
    }

    private static final Logger LOG = System.getLogger(EngineSession.class.getName());
    /** Closes the server asks for: queued packets still reach a polling client. */
    private static final Set<String> SERVER_REASONS = Set.of("forced close", "server shutting down", "connect timeout");

    private final String id;
    private final EngineServer server;
    private final EngineConfig config;
    private final SessionState state;
    private final ReentrantLock delivery = new ReentrantLock();
    private final EngineHeartbeat heartbeat;
    private final PollingTransport polling;
    private final UpgradeProbe upgrade;
    private volatile Listener listener;

    EngineSession(String id, EngineServer server, Session webSocket) {
        this.id = id;
        this.server = server;
        this.config = server.config();
        this.state = new SessionState(webSocket);
        this.heartbeat = new EngineHeartbeat(server, config, this::sendPing, () -> close("ping timeout"));
        this.polling = new PollingTransport(this, state, server);
        this.upgrade = new UpgradeProbe(this, state, server, heartbeat);
    }

    /** Sends the open packet and starts the heartbeat (called once by the server). */
    void open(Listener sessionListener) {
        this.listener = Objects.requireNonNull(sessionListener, "listener");
        send(List.of(EnginePacket.of(EnginePacketType.OPEN, config.openJson(id, state.webSocket == null))));
        heartbeat.start();
    }

    public String id() {
        return id;
    }

    /** "polling" or "websocket": the transport that currently carries the session. */
    public String transport() {
        state.lock.lock();
        try {
            return state.mode == Mode.WEBSOCKET ? "websocket" : "polling";
        } finally {
            state.lock.unlock();
        }
    }

    public boolean isOpen() {
        state.lock.lock();
        try {
            return state.mode != Mode.CLOSED;
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * Queues packets for the client, in order and contiguous (a Socket.IO binary event and its
     * attachments). Returns false when the session is closed.
     */
    public boolean send(List<EnginePacket> packets) {
        state.lock.lock();
        try {
            if (state.mode == Mode.CLOSED) {
                return false;
            }
            if (state.mode == Mode.WEBSOCKET) {
                packets.forEach(packet -> write(state.webSocket, packet));
                return true;
            }
            if (!polling.queueLocked(packets)) {
                closeLater("transport error");
                return false;
            }
            return true;
        } finally {
            state.lock.unlock();
        }
    }

    /** The heartbeat's ping: deferred while an upgrade holds the client's polling paused. */
    private EngineHeartbeat.Delivery sendPing() {
        state.lock.lock();
        try {
            boolean deferred = state.mode == Mode.UPGRADING;
            if (!send(List.of(EnginePacket.of(EnginePacketType.PING)))) {
                return EngineHeartbeat.Delivery.SESSION_CLOSED;
            }
            return deferred ? EngineHeartbeat.Delivery.DEFERRED : EngineHeartbeat.Delivery.SENT;
        } finally {
            state.lock.unlock();
        }
    }

    /** Closes the session from the server side; the client is told with a close packet. */
    public void close() {
        close("forced close");
    }

    // ---- polling (see PollingTransport) ----------------------------------------------------

    /** A long-poll GET: see {@link PollingTransport#poll(long)}. */
    List<EnginePacket> poll(long maxWaitNanos) throws RejectedRequest, InterruptedException {
        return polling.poll(maxWaitNanos);
    }

    /** The packets of one POST body: see {@link PollingTransport#receivePayload(String)}. */
    void receivePayload(String body) throws RejectedRequest {
        polling.receivePayload(body);
    }

    /** True while a GET is held waiting for packets. */
    boolean pollHeld() {
        return polling.pollHeld();
    }

    /**
     * Closes the session ("ping timeout") if its pong is overdue; true if it is (now) closed.
     * Called when a request names the session, so the answer never depends on whether the
     * timeout's timer thread ran first.
     */
    boolean closeIfPongOverdue(long nowNanos) {
        if (heartbeat.overdue(nowNanos)) {
            close("ping timeout");
        }
        return !isOpen();
    }

    // ---- WebSocket (the upgrade itself: see UpgradeProbe) ------------------------------------

    /** True while a WebSocket may start probing this session (polling, no probe yet). */
    boolean canUpgrade() {
        return upgrade.canUpgrade();
    }

    /** A WebSocket opened with this sid: it must send {@code 2probe} and then {@code 5} in time. */
    boolean attachProbe(Session candidate) {
        return upgrade.attach(candidate);
    }

    /** A packet from one of this session's WebSockets (the probe or the active one). */
    void receiveFromWebSocket(Session from, EnginePacket packet) {
        state.lock.lock();
        try {
            if (from == state.probe) {
                upgrade.stepLocked(from, packet);
                return;
            }
            if (from != state.webSocket) {
                return;
            }
        } finally {
            state.lock.unlock();
        }
        receive(packet);
    }

    /** A WebSocket sent a frame that is no Engine.IO packet: the probe is dropped, an active session closed. */
    void malformed(Session from, String why) {
        LOG.log(Level.DEBUG, "session {0}: {1}", id, why);
        state.lock.lock();
        try {
            if (from == state.probe) {
                upgrade.abandonLocked(from, why);
                return;
            }
            if (from != state.webSocket) {
                return;
            }
        } finally {
            state.lock.unlock();
        }
        close("parse error");
    }

    /** A WebSocket of this session closed. */
    void webSocketClosed(Session closed) {
        state.lock.lock();
        try {
            if (closed == state.probe) {
                upgrade.abandonLocked(closed, "probe closed");
                return;
            }
            if (closed != state.webSocket || state.mode == Mode.CLOSED) {
                return;
            }
        } finally {
            state.lock.unlock();
        }
        close("transport close");
    }

    // ---- packets in, close -----------------------------------------------------------------

    /** One packet from the client, whichever transport carried it. */
    void receive(EnginePacket packet) {
        switch (packet.type()) {
            case MESSAGE -> deliver(() -> listener.onMessage(this, packet));
            case PONG -> heartbeat.pong();
            case PING -> send(List.of(EnginePacket.of(EnginePacketType.PONG, packet.isBinary() ? "" : packet.text())));
            case CLOSE -> close("transport close");
            default -> LOG.log(Level.DEBUG, "session {0}: ignoring {1} from the client", id, packet);
        }
    }

    /**
     * Ends the session once. The sid is forgotten at once (a later request with it gets 400
     * "Session ID unknown"), except after a server-side close ({@link #SERVER_REASONS}) of a
     * polling session with no GET waiting: its queued packets and the close packet then wait
     * for the next GET, at most one pingTimeout. A pending GET gets the close packet ({@code 6}
     * noop when the client itself closed, as the reference server answers).
     */
    public void close(String reason) {
        Session active;
        Session probing;
        boolean lingering;
        state.lock.lock();
        try {
            if (state.mode == Mode.CLOSED) {
                return;
            }
            boolean byServer = SERVER_REASONS.contains(reason);
            boolean pollingMode = state.mode != Mode.WEBSOCKET;
            if (!byServer) {
                state.clearOutbox(); // a broken or vanished client gets nothing more
            }
            if (pollingMode && !reason.equals("transport close")) {
                state.outbox.add(EnginePacket.of(EnginePacketType.CLOSE));
            }
            lingering = byServer && pollingMode && !state.pollWaiting;
            state.mode = Mode.CLOSED;
            state.changed.signalAll();
            SessionState.cancel(state.upgradeTimer);
            active = state.webSocket;
            probing = state.probe;
        } finally {
            state.lock.unlock();
        }
        heartbeat.stop();
        if (lingering) {
            server.schedule(() -> server.remove(this), config.pingTimeout());
        } else {
            server.remove(this);
        }
        if (active != null) {
            active.sendTextAsync(EngineCodec.encodeText(EnginePacket.of(EnginePacketType.CLOSE)))
                    .whenComplete((ignored, error) -> active.close(1000, ""));
        }
        if (probing != null) {
            probing.close(1001, "session closed");
        }
        LOG.log(Level.DEBUG, "session {0} closed: {1}", id, reason);
        deliver(() -> listener.onClose(this, reason));
    }

    private void closeLater(String reason) {
        Thread.startVirtualThread(() -> close(reason));
    }

    private void deliver(Runnable callback) {
        delivery.lock();
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session " + id + ": listener failed", e);
        } finally {
            delivery.unlock();
        }
    }

    /** Sends one packet on a WebSocket of this session without waiting; a failure is logged. */
    void write(Session target, EnginePacket packet) {
        try {
            (packet.isBinary()
                    ? target.sendBinaryAsync(java.nio.ByteBuffer.wrap(packet.binary()))
                    : target.sendTextAsync(EngineCodec.encodeText(packet)))
                    .exceptionally(error -> {
                        LOG.log(Level.DEBUG, "session {0}: write failed: {1}", id, error.toString());
                        return null;
                    });
        } catch (IllegalStateException closed) {
            LOG.log(Level.DEBUG, "session {0}: websocket already closed", id);
        }
    }

    @Override
    public String toString() {
        return "EngineSession[" + id + " " + transport() + "]";
    }
}
