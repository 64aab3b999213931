package org.socketlab.websocket.chat;

/**
 * A client's request the chat refuses: bad JSON, an unknown type, a nickname with forbidden
 * characters, a message too long, too many messages. The connection stays open; the client
 * receives {@code {"type":"error","code":code,"message":message}}.
 */
public final class ChatRejection extends Exception {

    private final String code;

    public ChatRejection(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A chat message or typing notice from a session that is in no room. */
    public static ChatRejection notJoined() {
        return new ChatRejection("not_joined", "join a room before sending messages: {\"type\":\"join\",...}");
    }

    /** A join to a room that has its maximum of members. */
    public static ChatRejection roomFull(String room, int maxMembers) {
        return new ChatRejection("room_full", "room \"" + room + "\" has its maximum of " + maxMembers + " members");
    }

    /** A stable machine-readable reason, e.g. {@code invalid_nick}, {@code rate_limited}. */
    public String code() {
        return code;
    }
}
