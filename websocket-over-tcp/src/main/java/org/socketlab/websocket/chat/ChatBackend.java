package org.socketlab.websocket.chat;

import java.util.Map;
import org.socketlab.websocket.api.Session;

/**
 * Where the chat's rooms live: {@link ChatRooms} in this process (the default), or rooms shared
 * by several server processes ({@code org.socketlab.websocket.cluster.ClusterChatRooms}).
 * {@link ChatHandler} validates and rate-limits each command, then calls one of these.
 *
 * <p>Implementations are thread-safe; the calls for one session never overlap.
 */
public interface ChatBackend {

    /** A session opened: it gets the {@code rooms} list. */
    void connected(Session session);

    /** A session closed: it leaves its room, if any. */
    void disconnected(Session session);

    /** Moves {@code session} into {@code room} (leaving its current one); returns the nickname it got there. */
    String join(Session session, String room, String nick) throws ChatRejection;

    /** Leaves the session's room; false when it was in none. */
    boolean leave(Session session);

    /** Whether the session is in a room (may {@link #say} something). */
    boolean isJoined(Session session);

    /** Stores {@code text} in the session's room history and relays it to every member. */
    void say(Session session, String text, long timeMillis) throws ChatRejection;

    /** Tells the other members of the session's room that its user is typing. */
    void typing(Session session);

    /** Room name → member count, rooms with members only, sorted by name. */
    Map<String, Integer> memberCounts();
}
