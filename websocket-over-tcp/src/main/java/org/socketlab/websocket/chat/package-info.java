/**
 * The browser chat (lab 11): a static page served by a hand-written file handler
 * ({@link org.socketlab.websocket.chat.StaticFiles}) and a JSON protocol on {@code /ws/chat}
 * ({@link org.socketlab.websocket.chat.ChatHandler}) with rooms, presence, bounded history,
 * typing notices, input validation, a rate limit and an origin allow-list.
 *
 * <p>Concurrency contract: {@link org.socketlab.websocket.chat.ChatServer},
 * {@link org.socketlab.websocket.chat.ChatRooms}, {@link org.socketlab.websocket.chat.Room},
 * {@link org.socketlab.websocket.chat.ChatHandler}, {@link org.socketlab.websocket.chat.StaticFiles}
 * and {@link org.socketlab.websocket.chat.ChatCodec} are thread-safe. Lock order is
 * {@code ChatRooms} then {@code Room}; events are queued to sessions with non-blocking
 * {@code sendTextAsync} while a room's lock is held, so every member sees one order.
 * {@code RateLimiter} is per connection and used only from that connection's callbacks.
 */
package org.socketlab.websocket.chat;
