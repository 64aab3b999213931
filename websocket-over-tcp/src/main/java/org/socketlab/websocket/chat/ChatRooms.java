package org.socketlab.websocket.chat;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.socketlab.websocket.api.Session;

/**
 * The server's rooms and who is in which. A session is in at most one room at a time.
 *
 * <p>Thread-safe. Joining and leaving take this object's lock (they are rare, and it keeps a
 * room from being evicted while somebody joins it); messages only take their room's lock.
 * Empty rooms keep their history until the room limit is reached, then the emptiest go first.
 */
public final class ChatRooms implements ChatBackend {

    private final ChatLimits limits;
    private final Map<String, Room> rooms = new TreeMap<>();
    private final Map<Session, Room> roomOf = new ConcurrentHashMap<>();
    private final ConnectedSessions connected = new ConnectedSessions();

    public ChatRooms(ChatLimits limits) {
        this.limits = limits;
    }

    @Override
    public void connected(Session session) {
        connected.add(session, memberCounts());
    }

    /** Leaves the session's room, if any, and forgets the session. */
    @Override
    public void disconnected(Session session) {
        connected.remove(session);
        leave(session);
    }

    /** Moves {@code session} into {@code roomName} (leaving its current room); returns its nickname there. */
    @Override
    public synchronized String join(Session session, String roomName, String nick) throws ChatRejection {
        Room room = rooms.get(roomName);
        if (room == null) {
            room = createRoom(roomName);
        }
        if (room.size() >= limits.maxRoomMembers()) {
            throw ChatRejection.roomFull(roomName, limits.maxRoomMembers());
        }
        Room previous = roomOf.put(session, room);
        if (previous != null) {
            previous.leave(session);
        }
        String assigned = room.join(session, nick);
        broadcastRooms();
        return assigned;
    }

    @Override
    public synchronized boolean leave(Session session) {
        Room room = roomOf.remove(session);
        if (room == null) {
            return false;
        }
        room.leave(session);
        broadcastRooms();
        return true;
    }

    @Override
    public boolean isJoined(Session session) {
        return roomOf.containsKey(session);
    }

    @Override
    public void say(Session session, String text, long timeMillis) throws ChatRejection {
        Room room = roomOf(session).orElseThrow(ChatRejection::notJoined);
        room.say(session, text, timeMillis);
    }

    @Override
    public void typing(Session session) {
        roomOf(session).ifPresent(room -> room.typing(session));
    }

    /** The session's current room. */
    Optional<Room> roomOf(Session session) {
        return Optional.ofNullable(roomOf.get(session));
    }

    public synchronized Optional<Room> room(String name) {
        return Optional.ofNullable(rooms.get(name));
    }

    @Override
    public synchronized Map<String, Integer> memberCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        rooms.forEach((name, room) -> {
            int size = room.size();
            if (size > 0) {
                counts.put(name, size);
            }
        });
        return counts;
    }

    private Room createRoom(String name) throws ChatRejection {
        if (rooms.size() >= limits.maxRooms()) {
            rooms.values().removeIf(room -> room.size() == 0);
        }
        if (rooms.size() >= limits.maxRooms()) {
            throw new ChatRejection("too_many_rooms", "the server has its maximum of " + limits.maxRooms()
                    + " rooms; join an existing one");
        }
        Room room = new Room(name, limits.historySize());
        rooms.put(name, room);
        return room;
    }

    private void broadcastRooms() {
        connected.sendRooms(memberCounts());
    }
}
