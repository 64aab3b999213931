package org.socketlab.websocket.socketio.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.socketlab.websocket.api.Session;

/**
 * One Engine.IO v4 session (one client, identified by its {@code sid}), whatever transport
 * carries it: the outbox a long-poll drains, the active WebSocket after an upgrade, the probe
 * during one, and the heartbeat.
 *
 * <p>Thread-safety: every method may be called from any thread. State is guarded by one lock;
 * {@link Listener} callbacks run outside it, one at a time per session (a second lock
 * serialises them), on the thread that received the packet — a POST's, the WebSocket reader,
 * or a timer's virtual thread for {@link Listener#onClose}.
 */
public final class EngineSession {

    /** What the layer above (Socket.IO) hears from a session. */
    public interface Listener {
        /** A MESSAGE packet arrived (text or binary). */
        void onMessage(EngineSession session, EnginePacket packet);

        /** The session ended; called once. Reasons as in the reference server: "transport close", "ping timeout", "parse error", "forced close", "server shutting down". */
        void onClose(EngineSession session, String reason);
    }

    private enum Mode { POLLING, UPGRADING, WEBSOCKET, CLOSED }

    private static final Logger LOG = System.getLogger(EngineSession.class.getName());
    /** Closes the server asks for: queued packets still reach a polling client. */
    private static final Set<String> SERVER_REASONS = Set.of("forced close", "server shutting down", "connect timeout");
    /** How long a GET that arrives during an upgrade waits for it to finish before a noop. */
    private static final long UPGRADING_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String id;
    private final EngineServer server;
    private final EngineConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition outboxChanged = lock.newCondition();
    private final ReentrantLock delivery = new ReentrantLock();
    private final ArrayDeque<EnginePacket> outbox = new ArrayDeque<>();
    private long outboxBytes;
    private Mode mode;
    private Session webSocket;
    private Session probe;
    private boolean pollWaiting;
    private boolean postActive;
    private final EngineHeartbeat heartbeat;
    private Future<?> upgradeTimer;
    private volatile Listener listener;

    EngineSession(String id, EngineServer server, Session webSocket) {
        this.id = id;
        this.server = server;
        this.config = server.config();
        this.webSocket = webSocket;
        this.mode = webSocket == null ? Mode.POLLING : Mode.WEBSOCKET;
        this.heartbeat = new EngineHeartbeat(server, config, this::sendPing, () -> close("ping timeout"));
    }

    /** Sends the open packet and starts the heartbeat (called once by the server). */
    void open(Listener sessionListener) {
        this.listener = Objects.requireNonNull(sessionListener, "listener");
        send(List.of(EnginePacket.of(EnginePacketType.OPEN, config.openJson(id, webSocket == null))));
        heartbeat.start();
    }

    public String id() {
        return id;
    }

    /** "polling" or "websocket": the transport that currently carries the session. */
    public String transport() {
        lock.lock();
        try {
            return mode == Mode.WEBSOCKET ? "websocket" : "polling";
        } finally {
            lock.unlock();
        }
    }

    public boolean isOpen() {
        lock.lock();
        try {
            return mode != Mode.CLOSED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues packets for the client, in order and contiguous (a Socket.IO binary event and its
     * attachments). Returns false when the session is closed.
     */
    public boolean send(List<EnginePacket> packets) {
        lock.lock();
        try {
            if (mode == Mode.CLOSED) {
                return false;
            }
            if (mode == Mode.WEBSOCKET) {
                packets.forEach(packet -> write(webSocket, packet));
                return true;
            }
            for (EnginePacket packet : packets) {
                outboxBytes += packet.isBinary() ? packet.binary().length : packet.text().length();
            }
            if (outboxBytes > config.maxBufferedBytes()) {
                // A polling client that stopped fetching must not exhaust the server's memory.
                LOG.log(Level.DEBUG, "session {0}: {1} bytes wait for a poll; the limit is {2}; closing",
                        id, outboxBytes, config.maxBufferedBytes());
                closeLater("transport error");
                return false;
            }
            outbox.addAll(packets);
            outboxChanged.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The heartbeat's ping: deferred while an upgrade holds the client's polling paused. */
    private EngineHeartbeat.Delivery sendPing() {
        lock.lock();
        try {
            boolean deferred = mode == Mode.UPGRADING;
            if (!send(List.of(EnginePacket.of(EnginePacketType.PING)))) {
                return EngineHeartbeat.Delivery.SESSION_CLOSED;
            }
            return deferred ? EngineHeartbeat.Delivery.DEFERRED : EngineHeartbeat.Delivery.SENT;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the session from the server side; the client is told with a close packet. */
    public void close() {
        close("forced close");
    }

    // ---- polling ---------------------------------------------------------------------------

    /**
     * A long-poll GET: waits until packets are queued (or the session closes, or an upgrade
     * needs the poll to end, or {@code maxWaitNanos} pass) and returns them ({@code 6} noop
     * when there is nothing to say). A second GET while one waits closes the session
     * ("transport error"): the waiting GET gets the close packet, this one an empty 400.
     */
    List<EnginePacket> poll(long maxWaitNanos) throws RejectedRequest, InterruptedException {
        lock.lock();
        try {
            requireNotUpgraded();
            if (!pollWaiting) {
                pollWaiting = true;
                try {
                    awaitPacketsLocked(maxWaitNanos);
                } finally {
                    pollWaiting = false;
                }
                requireNotUpgraded();
                return drainLocked();
            }
        } finally {
            lock.unlock();
        }
        // Engine.IO v4: one GET at a time; the reference server closes on "overlap from client".
        close("transport error");
        throw RejectedRequest.emptyBadRequest("overlapping GET requests for session " + id);
    }

    private void awaitPacketsLocked(long maxWaitNanos) throws InterruptedException {
        long remaining = maxWaitNanos;
        if (mode == Mode.UPGRADING) {
            // The client paused polling after 3probe; a GET now is ended with a noop shortly
            // (the reference server writes one every 100 ms), unless the upgrade completes first.
            remaining = Math.min(remaining, UPGRADING_POLL_NANOS);
            while (mode == Mode.UPGRADING && remaining > 0) {
                remaining = outboxChanged.awaitNanos(remaining);
            }
            return;
        }
        while (outbox.isEmpty() && mode == Mode.POLLING && remaining > 0) {
            remaining = outboxChanged.awaitNanos(remaining);
        }
    }

    /** The queued packets for one GET ({@code 6} noop if none); a lingering closed session goes with its last packets. */
    private List<EnginePacket> drainLocked() {
        if (outbox.isEmpty()) {
            return List.of(EnginePacket.of(EnginePacketType.NOOP));
        }
        List<EnginePacket> packets = new ArrayList<>(outbox);
        outbox.clear();
        outboxBytes = 0;
        if (mode == Mode.CLOSED) {
            server.remove(this); // the close packet is delivered: the sid may go now
        }
        return packets;
    }

    /** Engine.IO v4: after the upgrade, polling requests with the sid get 400 (transport mismatch). */
    private void requireNotUpgraded() throws RejectedRequest {
        if (mode == Mode.WEBSOCKET) {
            throw new RejectedRequest(EngineError.BAD_REQUEST, "session " + id + " was upgraded to websocket");
        }
    }

    /**
     * The packets of one POST body, delivered in order. A payload that does not decode closes
     * the session at once ("parse error") and is answered 400; a second POST while one is being
     * read closes it too ("transport error"), answered with an empty 400.
     */
    void receivePayload(String body) throws RejectedRequest {
        boolean overlap;
        lock.lock();
        try {
            requireNotUpgraded();
            if (mode == Mode.CLOSED) {
                throw new RejectedRequest(EngineError.BAD_REQUEST, "session " + id + " is closing");
            }
            overlap = postActive;
            postActive = true;
        } finally {
            lock.unlock();
        }
        if (overlap) {
            close("transport error");
            throw RejectedRequest.emptyBadRequest("overlapping POST requests for session " + id);
        }
        try {
            List<EnginePacket> packets;
            try {
                packets = EngineCodec.decodePayload(body);
            } catch (EngineProtocolException e) {
                close("parse error");
                throw new RejectedRequest(EngineError.BAD_REQUEST, e.getMessage());
            }
            packets.forEach(this::receive);
        } finally {
            lock.lock();
            postActive = false;
            lock.unlock();
        }
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

    /** True while a GET is held waiting for packets. */
    boolean pollHeld() {
        lock.lock();
        try {
            return pollWaiting;
        } finally {
            lock.unlock();
        }
    }

    // ---- WebSocket -------------------------------------------------------------------------

    /** True while a WebSocket may start probing this session (polling, no probe yet). */
    boolean canUpgrade() {
        lock.lock();
        try {
            return mode == Mode.POLLING && probe == null;
        } finally {
            lock.unlock();
        }
    }

    /** A WebSocket opened with this sid: it must send {@code 2probe} and then {@code 5} in time. */
    boolean attachProbe(Session candidate) {
        lock.lock();
        try {
            if (mode != Mode.POLLING || probe != null) {
                return false;
            }
            probe = candidate;
            upgradeTimer = server.schedule(() -> abandonProbe(candidate, "no upgrade within " + config.upgradeTimeout()),
                    config.upgradeTimeout());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A packet from one of this session's WebSockets (the probe or the active one). */
    void receiveFromWebSocket(Session from, EnginePacket packet) {
        lock.lock();
        try {
            if (from == probe) {
                probeStep(from, packet);
                return;
            }
            if (from != webSocket) {
                return;
            }
        } finally {
            lock.unlock();
        }
        receive(packet);
    }

    /** Upgrade steps, under the lock: {@code 2probe} → {@code 3probe} (and end the poll), then {@code 5}. */
    private void probeStep(Session from, EnginePacket packet) {
        if (mode == Mode.POLLING && packet.type() == EnginePacketType.PING && !packet.isBinary()
                && packet.text().equals("probe")) {
            write(from, EnginePacket.of(EnginePacketType.PONG, "probe"));
            mode = Mode.UPGRADING; // a pending GET returns now so the client can pause polling
            outboxChanged.signalAll();
        } else if (mode == Mode.UPGRADING && packet.type() == EnginePacketType.UPGRADE) {
            cancel(upgradeTimer);
            webSocket = from;
            probe = null;
            mode = Mode.WEBSOCKET;
            outbox.forEach(queued -> write(from, queued));
            outbox.clear();
            outboxBytes = 0;
            outboxChanged.signalAll();
            heartbeat.pingFlushed();
            LOG.log(Level.DEBUG, "session {0} upgraded to websocket", id);
        } else {
            abandonProbeLocked(from, "unexpected " + packet + " during the upgrade");
        }
    }

    /** A WebSocket sent a frame that is no Engine.IO packet: the probe is dropped, an active session closed. */
    void malformed(Session from, String why) {
        LOG.log(Level.DEBUG, "session {0}: {1}", id, why);
        lock.lock();
        try {
            if (from == probe) {
                abandonProbeLocked(from, why);
                return;
            }
            if (from != webSocket) {
                return;
            }
        } finally {
            lock.unlock();
        }
        close("parse error");
    }

    /** A WebSocket of this session closed. */
    void webSocketClosed(Session closed) {
        lock.lock();
        try {
            if (closed == probe) {
                abandonProbeLocked(closed, "probe closed");
                return;
            }
            if (closed != webSocket || mode == Mode.CLOSED) {
                return;
            }
        } finally {
            lock.unlock();
        }
        close("transport close");
    }

    private void abandonProbe(Session candidate, String why) {
        lock.lock();
        try {
            if (candidate == probe) {
                abandonProbeLocked(candidate, why);
            }
        } finally {
            lock.unlock();
        }
    }

    private void abandonProbeLocked(Session candidate, String why) {
        LOG.log(Level.DEBUG, "session {0}: upgrade abandoned: {1}", id, why);
        probe = null;
        cancel(upgradeTimer);
        if (mode == Mode.UPGRADING) {
            mode = Mode.POLLING;
            outboxChanged.signalAll();
            heartbeat.pingFlushed(); // polling resumes: a deferred ping can be fetched now
        }
        candidate.close(1002, "upgrade failed");
    }

    // ---- packets in, heartbeat, close -----------------------------------------------------

    private void receive(EnginePacket packet) {
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
        lock.lock();
        try {
            if (mode == Mode.CLOSED) {
                return;
            }
            boolean byServer = SERVER_REASONS.contains(reason);
            boolean polling = mode != Mode.WEBSOCKET;
            if (!byServer) {
                outbox.clear(); // a broken or vanished client gets nothing more
                outboxBytes = 0;
            }
            if (polling && !reason.equals("transport close")) {
                outbox.add(EnginePacket.of(EnginePacketType.CLOSE));
            }
            lingering = byServer && polling && !pollWaiting;
            mode = Mode.CLOSED;
            outboxChanged.signalAll();
            cancel(upgradeTimer);
            active = webSocket;
            probing = probe;
        } finally {
            lock.unlock();
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

    private void write(Session target, EnginePacket packet) {
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

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "EngineSession[" + id + " " + transport() + "]";
    }
}
