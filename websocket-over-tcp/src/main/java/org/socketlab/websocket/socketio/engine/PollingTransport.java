package org.socketlab.websocket.socketio.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.socketio.engine.SessionState.Mode;

/**
 * The polling transport of one {@link EngineSession} (Engine.IO v4, "Transports: Polling"): the
 * outbox a long-poll GET drains, the held GET itself, and the POST bodies. One GET and one POST
 * at a time: an overlapping request closes the session ("transport error"), as the reference
 * server does. After an upgrade, polling requests with the sid get 400.
 *
 * <p>Thread-safety: any thread; state is the session's {@link SessionState}, under its lock.
 */
final class PollingTransport {

    private static final Logger LOG = System.getLogger(PollingTransport.class.getName());
    /** How long a GET that arrives during an upgrade waits for it to finish before a noop. */
    private static final long UPGRADING_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final EngineSession session;
    private final SessionState state;
    private final EngineServer server;
    private final long maxBufferedBytes;

    PollingTransport(EngineSession session, SessionState state, EngineServer server) {
        this.session = session;
        this.state = state;
        this.server = server;
        this.maxBufferedBytes = server.config().maxBufferedBytes();
    }

    /**
     * Queues packets for the next GET; false when the outbox would pass the limit (the caller
     * closes the session). Under the lock.
     */
    boolean queueLocked(List<EnginePacket> packets) {
        for (EnginePacket packet : packets) {
            state.outboxBytes += packet.isBinary() ? packet.binary().length : packet.text().length();
        }
        if (state.outboxBytes > maxBufferedBytes) {
            // A polling client that stopped fetching must not exhaust the server's memory.
            LOG.log(Level.DEBUG, "session {0}: {1} bytes wait for a poll; the limit is {2}; closing",
                    session.id(), state.outboxBytes, maxBufferedBytes);
            return false;
        }
        state.outbox.addAll(packets);
        state.changed.signalAll();
        return true;
    }

    /**
     * A long-poll GET: waits until packets are queued (or the session closes, or an upgrade
     * needs the poll to end, or {@code maxWaitNanos} pass) and returns them ({@code 6} noop
     * when there is nothing to say). A second GET while one waits closes the session
     * ("transport error"): the waiting GET gets the close packet, this one an empty 400.
     */
    List<EnginePacket> poll(long maxWaitNanos) throws RejectedRequest, InterruptedException {
        state.lock.lock();
        try {
            requireNotUpgraded();
            if (!state.pollWaiting) {
                state.pollWaiting = true;
                try {
                    awaitPacketsLocked(maxWaitNanos);
                } finally {
                    state.pollWaiting = false;
                }
                requireNotUpgraded();
                return drainLocked();
            }
        } finally {
            state.lock.unlock();
        }
        // Engine.IO v4: one GET at a time; the reference server closes on "overlap from client".
        session.close("transport error");
        throw RejectedRequest.emptyBadRequest("overlapping GET requests for session " + session.id());
    }

    private void awaitPacketsLocked(long maxWaitNanos) throws InterruptedException {
        long remaining = maxWaitNanos;
        if (state.mode == Mode.UPGRADING) {
            // The client paused polling after 3probe; a GET now is ended with a noop shortly
            // (the reference server writes one every 100 ms), unless the upgrade completes first.
            remaining = Math.min(remaining, UPGRADING_POLL_NANOS);
            while (state.mode == Mode.UPGRADING && remaining > 0) {
                remaining = state.changed.awaitNanos(remaining);
            }
            return;
        }
        while (state.outbox.isEmpty() && state.mode == Mode.POLLING && remaining > 0) {
            remaining = state.changed.awaitNanos(remaining);
        }
    }

    /** The queued packets for one GET ({@code 6} noop if none); a lingering closed session goes with its last packets. */
    private List<EnginePacket> drainLocked() {
        if (state.outbox.isEmpty()) {
            return List.of(EnginePacket.of(EnginePacketType.NOOP));
        }
        List<EnginePacket> packets = state.takeOutbox();
        if (state.mode == Mode.CLOSED) {
            server.remove(session); // the close packet is delivered: the sid may go now
        }
        return packets;
    }

    /** Engine.IO v4: after the upgrade, polling requests with the sid get 400 (transport mismatch). */
    private void requireNotUpgraded() throws RejectedRequest {
        if (state.mode == Mode.WEBSOCKET) {
            throw new RejectedRequest(EngineError.BAD_REQUEST, "session " + session.id() + " was upgraded to websocket");
        }
    }

    /**
     * The packets of one POST body, delivered in order. A payload that does not decode closes
     * the session at once ("parse error") and is answered 400; a second POST while one is being
     * read closes it too ("transport error"), answered with an empty 400.
     */
    void receivePayload(String body) throws RejectedRequest {
        boolean overlap;
        state.lock.lock();
        try {
            requireNotUpgraded();
            if (state.mode == Mode.CLOSED) {
                throw new RejectedRequest(EngineError.BAD_REQUEST, "session " + session.id() + " is closing");
            }
            overlap = state.postActive;
            state.postActive = true;
        } finally {
            state.lock.unlock();
        }
        if (overlap) {
            session.close("transport error");
            throw RejectedRequest.emptyBadRequest("overlapping POST requests for session " + session.id());
        }
        try {
            List<EnginePacket> packets;
            try {
                packets = EngineCodec.decodePayload(body);
            } catch (EngineProtocolException e) {
                session.close("parse error");
                throw new RejectedRequest(EngineError.BAD_REQUEST, e.getMessage());
            }
            packets.forEach(session::receive);
        } finally {
            state.lock.lock();
            state.postActive = false;
            state.lock.unlock();
        }
    }

    /** True while a GET is held waiting for packets. */
    boolean pollHeld() {
        state.lock.lock();
        try {
            return state.pollWaiting;
        } finally {
            state.lock.unlock();
        }
    }
}
