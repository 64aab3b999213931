/**
 * What an application sees of a WebSocket connection, shared by the server and the client:
 * {@link org.socketlab.websocket.api.WebSocketHandler} (callbacks) and
 * {@link org.socketlab.websocket.api.Session} (commands).
 *
 * <p>Concurrency contract: every callback of one connection is invoked by that connection's
 * reading thread, one at a time, in the order the events happened — a handler never sees two
 * callbacks of the same session concurrently, but callbacks of different sessions run in
 * parallel. {@code Session} is thread-safe: any thread may send, ping or close; sends from
 * several threads are serialised and each message is written whole, never interleaved.
 * A slow peer makes senders wait (or their futures stay incomplete) once
 * {@link org.socketlab.websocket.api.Session#bufferedAmount()} reaches the configured limit.
 */
package org.socketlab.websocket.api;
