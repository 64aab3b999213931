package org.socketlab.websocket.sockjs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The sessions of one SockJS endpoint: HTTP sessions by their session id (the server id in the
 * URL is ignored, SockJS 0.3.3 "Session URLs"), and the WebSocket-transport sessions, which
 * need only their heartbeat (a WebSocket session's id may be reused, so they are not keyed).
 * Thread-safe.
 */
final class SessionRegistry {

    private final ConcurrentMap<String, HttpSession> httpSessions = new ConcurrentHashMap<>();
    private final Set<WebSocketSession> webSocketSessions = ConcurrentHashMap.newKeySet();
    private final int maxSessions;

    SessionRegistry(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    HttpSession find(String sessionId) {
        return httpSessions.get(sessionId);
    }

    /** The session with this id, created if absent; null when the cap is reached. */
    HttpSession findOrCreate(String sessionId, Supplier<HttpSession> create) {
        HttpSession existing = httpSessions.get(sessionId);
        if (existing != null) {
            return existing;
        }
        if (httpSessions.size() + webSocketSessions.size() >= maxSessions) {
            return null;
        }
        return httpSessions.computeIfAbsent(sessionId, id -> create.get());
    }

    void remove(HttpSession session) {
        httpSessions.remove(session.sessionId(), session);
    }

    boolean add(WebSocketSession session) {
        if (httpSessions.size() + webSocketSessions.size() >= maxSessions) {
            return false;
        }
        return webSocketSessions.add(session);
    }

    void remove(WebSocketSession session) {
        webSocketSessions.remove(session);
    }

    /** One round of timers: heartbeats for all, expiry for the HTTP sessions. */
    void tick(long now) {
        httpSessions.values().forEach(session -> session.tick(now));
        webSocketSessions.forEach(session -> session.tick(now));
    }

    /** Closes every session (the service is stopping). */
    void closeAll(int code, String reason) {
        httpSessions.values().forEach(session -> session.close(code, reason));
        webSocketSessions.forEach(session -> session.close(code, reason));
    }

    int size() {
        return httpSessions.size() + webSocketSessions.size();
    }
}
