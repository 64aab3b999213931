package org.socketlab.websocket.chat;

/**
 * One chat message as the server stored and relayed it.
 *
 * @param id         the room's sequence number, from 1
 * @param room       the room it was said in
 * @param nick       who said it
 * @param text       what was said: plain text, to be displayed as text (never parsed as HTML)
 * @param timeMillis when the server received it, milliseconds since the epoch
 */
public record ChatMessage(long id, String room, String nick, String text, long timeMillis) {
}
