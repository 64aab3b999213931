package org.socketlab.websocket.chat;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.socketlab.websocket.api.Session;

/**
 * The sessions connected to a {@link ChatBackend}, each sent the room list when it connects and
 * whenever the list changes; and the one way the chat sends an event: without blocking, and
 * without caring whether the peer went away meanwhile (its own {@code onClose} cleans up).
 * Shared by the in-process {@link ChatRooms} and the cluster's rooms. Thread-safe.
 */
public final class ConnectedSessions {

    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    /** Adds {@code session} and sends it the current room list. */
    public void add(Session session, Map<String, Integer> memberCounts) {
        sessions.add(session);
        send(session, ChatCodec.rooms(memberCounts));
    }

    public void remove(Session session) {
        sessions.remove(session);
    }

    /** Sends the room list to every connected session. */
    public void sendRooms(Map<String, Integer> memberCounts) {
        String event = ChatCodec.rooms(memberCounts);
        sessions.forEach(session -> send(session, event));
    }

    /** Queues {@code event} for {@code session}; never blocks, never throws for a session that closed meanwhile. */
    public static void send(Session session, String event) {
        try {
            session.sendTextAsync(event).exceptionally(error -> null);
        } catch (IllegalStateException closedMeanwhile) {
            // The session closed between our look at the member list and the send: its onClose removes it.
        }
    }
}
