package org.socketlab.websocket.socketio;

import java.util.List;

/**
 * Receives one event: {@code socket.on("message", (args, ack) -> ack.send("got it"))}.
 *
 * <p>{@code args} are the event's arguments as plain Java values (maps, lists, strings,
 * numbers, booleans, null, and {@code byte[]} for binary data); the list is the listener's own.
 */
@FunctionalInterface
public interface EventListener {

    void onEvent(List<Object> args, Ack ack);
}
