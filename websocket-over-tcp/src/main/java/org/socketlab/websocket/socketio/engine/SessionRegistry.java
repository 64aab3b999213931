package org.socketlab.websocket.socketio.engine;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sessions of one Engine.IO server by sid, and the admission of new ones under
 * {@link SessionCaps}. A session is forgotten the moment it closes (Engine.IO v4: a request
 * with its sid then gets 400 "Session ID unknown"), except a server-initiated close that still
 * has packets to hand to a polling client.
 *
 * <p>Thread-safe: {@link #admit} reserves a slot atomically, so concurrent handshakes never
 * exceed {@link SessionCaps#maxSessions()}.
 */
final class SessionRegistry {

    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger slots = new AtomicInteger();
    private final SessionCaps caps;
    private final HandshakeRateLimiter rate;

    SessionRegistry(SessionCaps caps) {
        this.caps = caps;
        this.rate = new HandshakeRateLimiter(caps);
    }

    /**
     * Reserves a slot for a new session from {@code remote} (null when unknown), or refuses it
     * with 503. A reserved slot must be {@link #add added} or {@link #release released}.
     */
    void admit(InetAddress remote, long nowNanos) throws RejectedRequest {
        if (!rate.tryAcquire(remote, nowNanos)) {
            throw RejectedRequest.overloaded("too many new sessions from your address; try again later", caps.window());
        }
        if (slots.incrementAndGet() > caps.maxSessions()) {
            slots.decrementAndGet();
            throw RejectedRequest.overloaded("this server has reached its session limit; try again later", caps.window());
        }
    }

    void add(EngineSession session) {
        sessions.put(session.id(), session);
    }

    /** Gives back a slot reserved by {@link #admit} that no session took. */
    void release() {
        slots.decrementAndGet();
    }

    EngineSession find(String sid) {
        return sid == null ? null : sessions.get(sid);
    }

    /** Forgets the session; its slot is freed once. */
    void remove(EngineSession session) {
        if (sessions.remove(session.id(), session)) {
            slots.decrementAndGet();
        }
    }

    List<EngineSession> snapshot() {
        return List.copyOf(sessions.values());
    }

    int size() {
        return sessions.size();
    }
}
