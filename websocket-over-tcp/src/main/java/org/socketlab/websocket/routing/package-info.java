/**
 * API Gateway-style WebSocket APIs on our own server: {@code $connect} (may refuse the
 * handshake with 401/403, sees headers and query), {@code $disconnect} (exactly once, however
 * the connection ends), {@code $default}, and custom routes selected by a route selection
 * expression on the JSON body ({@code $request.body.action}, nested paths); route responses;
 * and {@code @connections} — POST/GET/DELETE a connection by id, over HTTP on the same port
 * ({@link org.socketlab.websocket.routing.ConnectionsApi}, API-key protected) or from Java
 * ({@link org.socketlab.websocket.routing.ConnectionManager}).
 *
 * <p>Built only on the server's public extension points:
 * {@link org.socketlab.websocket.server.HandshakeInterceptor} (runs {@code $connect} before the
 * 101) and {@link org.socketlab.websocket.server.HttpFallbackHandler} (plain HTTP requests).
 * {@link org.socketlab.websocket.routing.Router} and
 * {@link org.socketlab.websocket.routing.RouteSelectionExpression} are pure (no I/O).
 *
 * <p>Concurrency contract: {@code $connect} runs on the connecting client's thread; routes and
 * {@code $disconnect} run on the connection's reading thread, one message at a time per
 * connection, concurrently across connections — shared handlers must be thread-safe.
 * {@code ConnectionManager}, {@code ConnectionsApi}, {@code Router} and a built
 * {@code WebSocketApi} are thread-safe; builders are not. Posting, broadcasting and route
 * responses never block the calling thread: each member has its own bounded backlog, and a
 * member that does not read is closed with 1013 rather than slowing the others.
 */
package org.socketlab.websocket.routing;
