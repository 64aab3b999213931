package org.socketlab.websocket.chat;

/** What a client may ask for, decoded from its JSON by {@link ChatCodec#decode(String)}. */
public sealed interface ChatCommand {

    /** {@code {"type":"join","room":"lobby","nick":"ana"}} — enter a room (leaving the current one). */
    record Join(String room, String nick) implements ChatCommand {
    }

    /** {@code {"type":"message","text":"hello"}} — say something in the current room. */
    record Say(String text) implements ChatCommand {
    }

    /** {@code {"type":"typing"}} — the user is typing; relayed to the others in the room. */
    record Typing() implements ChatCommand {
    }

    /** {@code {"type":"leave"}} — leave the current room and stay connected. */
    record Leave() implements ChatCommand {
    }
}
