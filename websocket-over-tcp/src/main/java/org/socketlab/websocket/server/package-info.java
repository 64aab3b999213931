/**
 * The blocking WebSocket server: {@link org.socketlab.websocket.server.WebSocketServer} on top
 * of tcp-blocking's {@code TcpServer}. Each accepted connection gets one thread (virtual by
 * default, platform with {@link org.socketlab.websocket.server.ConnectionThreads#PLATFORM}) that
 * runs the opening handshake ({@link org.socketlab.websocket.server.UpgradeHandler}) and then the
 * connection's read loop; it also writes what it sends while the socket is idle, and a virtual
 * writer thread per connection drains whatever queued behind another write.
 *
 * <p>Two extension points let applications sit in front of the WebSocket layer: an endpoint's
 * {@link org.socketlab.websocket.server.HandshakeInterceptor} (sees the upgrade request after
 * the RFC 6455 checks and before the 101, may refuse it, hands attributes to the session) and
 * the server's {@link org.socketlab.websocket.server.HttpFallbackHandler} (answers plain HTTP
 * requests on the same port). The routing package is built on both.
 *
 * <p>Concurrency contract: the builder is not thread-safe; a started server is — {@code stop},
 * {@code sessions()} and {@code broadcast} may be called from any thread. Endpoints and
 * configuration are immutable once the server starts. Handler callbacks of one session never
 * run concurrently (see {@code org.socketlab.websocket.api}); callbacks of different sessions
 * do, so a handler shared by an endpoint must be thread-safe. Interceptors and the fallback
 * handler are called on each connection's own thread, concurrently: they must be thread-safe.
 */
package org.socketlab.websocket.server;
