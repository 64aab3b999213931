/**
 * The blocking WebSocket client: {@link org.socketlab.websocket.client.WebSocketClient} for one
 * connection to a ws:// or wss:// URI, {@link org.socketlab.websocket.client.ReconnectingClient}
 * for a connection that comes back after failures, with
 * {@link org.socketlab.websocket.client.Backoff exponential backoff and jitter}.
 *
 * <p>Concurrency contract: {@code connect} blocks the caller until the opening handshake is
 * done, then one virtual thread reads the connection and delivers every callback; the
 * returned {@code Session} is thread-safe. {@link org.socketlab.websocket.client.ClientOptions}
 * and {@link org.socketlab.websocket.client.Backoff} are immutable. A
 * {@code ReconnectingClient} is thread-safe; its hooks run on its supervising thread.
 */
package org.socketlab.websocket.client;
