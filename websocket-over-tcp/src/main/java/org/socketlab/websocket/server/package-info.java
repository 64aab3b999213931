/**
 * The server adapters, and the front door every HTTP-speaking server runs on.
 *
 * <p>{@link org.socketlab.websocket.server.FrontDoor} is one HTTP/1.1 connection loop on
 * tcp-blocking's {@code TcpServer}: each accepted connection gets one thread (virtual by default,
 * platform with {@link org.socketlab.websocket.server.ConnectionThreads#PLATFORM}) running
 * {@code HttpConnection} — the only code that reads requests off a socket: persistent
 * connections and pipelining (RFC 9112 §9), request head and body deadlines, keep-alive idle
 * timeout, a write timeout on every response, the connection cap. Requests go to routes: plain
 * {@link org.socketlab.websocket.server.HttpHandler}s, held
 * {@link org.socketlab.websocket.server.ExchangeHandler}s (long poll, stream, SSE, whole mounted
 * servers) and WebSocket endpoints, which all pass through one upgrade path
 * ({@code WebSocketUpgrade}) that builds the {@code WebSocketConnection} from the shared
 * {@link org.socketlab.websocket.server.ServerConfig}. After the 101 the route's handler
 * returns, the connection drops its parser and read buffer, and the same thread runs the
 * WebSocket's read loop from the bottom of its stack, where nothing of HTTP is reachable (an
 * idle WebSocket keeps no request, issue 19); it also writes what it sends while the socket is
 * idle, and a virtual writer thread per connection drains whatever queued behind another write.
 *
 * <p>{@link org.socketlab.websocket.server.WebSocketServer} is the WebSocket-only front door of
 * the first wave, kept as it was: endpoints, an endpoint's
 * {@link org.socketlab.websocket.server.HandshakeInterceptor} (sees the upgrade request after the
 * RFC 6455 checks and before the 101, may refuse it, hands attributes to the session) and the
 * {@link org.socketlab.websocket.server.HttpFallbackHandler} (plain requests, one per connection).
 *
 * <p>Concurrency contract: builders are not thread-safe; a started front door is — {@code stop},
 * {@code sessions()}, {@code mount}/{@code unmount} and {@code broadcast} may be called from any
 * thread. Handler callbacks of one session never run concurrently (see
 * {@code org.socketlab.websocket.api}); callbacks of different sessions do, so a handler shared by
 * an endpoint must be thread-safe. Route handlers, interceptors and the fallback are called on
 * each connection's own thread, concurrently: they must be thread-safe. An
 * {@link org.socketlab.websocket.server.HttpExchange} and its
 * {@link org.socketlab.websocket.server.ResponseStream} belong to the connection's thread.
 * {@code ArrivalOrder} numbers connections on the accept thread (one atomic counter) so that
 * {@link org.socketlab.websocket.server.HttpExchange#arrival()} orders requests by arrival, not
 * by which connection thread ran first.
 */
package org.socketlab.websocket.server;
