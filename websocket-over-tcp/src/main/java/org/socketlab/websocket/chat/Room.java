package org.socketlab.websocket.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socketlab.websocket.api.Session;

/**
 * One chat room: its members (session → nickname) and a bounded history of its last messages.
 *
 * <p>Thread-safe: every method holds the room's lock, and events are handed to the sessions'
 * outbound queues ({@link Session#sendTextAsync}, which never blocks) while it is held. So all
 * members see the room's events in one order — the order of the message ids — and a member who
 * joins gets the history and then every later message, none missed and none twice.
 */
public final class Room {

    private final String name;
    private final int historySize;
    private final Map<Session, String> members = new LinkedHashMap<>();
    private final ArrayDeque<ChatMessage> history = new ArrayDeque<>();
    private long lastId;

    Room(String name, int historySize) {
        this.name = name;
        this.historySize = historySize;
    }

    public String name() {
        return name;
    }

    /**
     * Adds {@code session} under {@code wantedNick}, made unique in the room by a suffix
     * ({@code ana}, {@code ana-2}, …); sends it welcome and history, and everyone the new
     * presence. Returns the nickname it got.
     */
    synchronized String join(Session session, String wantedNick) {
        String nick = uniqueNick(wantedNick);
        members.put(session, nick);
        send(session, ChatCodec.welcome(nick, name));
        send(session, ChatCodec.history(name, List.copyOf(history)));
        sendAll(ChatCodec.presence(name, members.values(), nick, null));
        return nick;
    }

    /** Removes {@code session}; the others get the new presence. False when it was not a member. */
    synchronized boolean leave(Session session) {
        String nick = members.remove(session);
        if (nick == null) {
            return false;
        }
        sendAll(ChatCodec.presence(name, members.values(), null, nick));
        return true;
    }

    /** Stores the message (dropping the oldest beyond the history size) and relays it to every member. */
    synchronized ChatMessage say(Session session, String text, long timeMillis) {
        // BEGIN SOLUTION lab=11 task="store the message in the bounded history (drop the oldest when full) and relay it to every member of the room"
        String nick = members.get(session);
        if (nick == null) {
            throw new IllegalStateException("session " + session.id() + " is not a member of room " + name);
        }
        ChatMessage message = new ChatMessage(++lastId, name, nick, text, timeMillis);
        if (historySize > 0) {
            if (history.size() == historySize) {
                history.removeFirst();
            }
            history.addLast(message);
        }
        sendAll(ChatCodec.message(message));
        return message;
        // END SOLUTION
    }

    /** Tells the other members that {@code session}'s user is typing. */
    synchronized void typing(Session session) {
        String nick = members.get(session);
        if (nick == null) {
            return;
        }
        String event = ChatCodec.typing(name, nick);
        members.keySet().forEach(member -> {
            if (member != session) {
                send(member, event);
            }
        });
    }

    public synchronized List<String> nicks() {
        return List.copyOf(members.values());
    }

    public synchronized int size() {
        return members.size();
    }

    public synchronized List<ChatMessage> history() {
        return List.copyOf(history);
    }

    private String uniqueNick(String wanted) {
        List<String> taken = new ArrayList<>(members.values());
        String nick = wanted;
        for (int suffix = 2; taken.contains(nick); suffix++) {
            nick = wanted + "-" + suffix;
        }
        return nick;
    }

    private void sendAll(String event) {
        members.keySet().forEach(member -> send(member, event));
    }

    private static void send(Session session, String event) {
        ConnectedSessions.send(session, event); // never blocks; a peer gone meanwhile is cleaned up by its onClose
    }
}
