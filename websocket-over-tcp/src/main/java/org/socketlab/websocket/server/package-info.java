/**
 * The blocking WebSocket server: {@link org.socketlab.websocket.server.WebSocketServer} on top
 * of tcp-blocking's {@code TcpServer}. Each accepted connection gets one (virtual) thread that
 * runs the opening handshake ({@link org.socketlab.websocket.server.UpgradeHandler}) and then the
 * connection's read loop; a second virtual thread per connection writes.
 *
 * <p>Concurrency contract: the builder is not thread-safe; a started server is — {@code stop},
 * {@code sessions()} and {@code broadcast} may be called from any thread. Endpoints and
 * configuration are immutable once the server starts. Handler callbacks of one session never
 * run concurrently (see {@code org.socketlab.websocket.api}); callbacks of different sessions
 * do, so a handler shared by an endpoint must be thread-safe.
 */
package org.socketlab.websocket.server;
