/**
 * Engine.IO protocol v4, mounted on the front door ({@code server.FrontDoor}) at any path: the handshake
 * ({@code GET /socket.io/?EIO=4&transport=polling} → {@code 0{"sid":…}}), long-polling payloads
 * (packets separated by {@code \u001e}, binary as {@code b<base64>}), the WebSocket transport
 * (the ws-server's {@code WebSocketConnection} read loop), the upgrade from polling
 * ({@code 2probe}/{@code 3probe}, a {@code 6} noop ending the pending poll, then {@code 5}),
 * the server-initiated heartbeat (server pings {@code 2}, client pongs {@code 3}) and the
 * reference server's HTTP errors. A closed session is forgotten at once
 * ({@link org.socketlab.websocket.socketio.engine.SessionRegistry}); new sessions are admitted
 * under {@link org.socketlab.websocket.socketio.engine.SessionCaps} (503 beyond) and the Origin
 * allow-list of {@link org.socketlab.websocket.socketio.engine.EngineConfig#origins()} (403).
 *
 * <p>Seams for the HTTP front door: {@code PollingEndpoint.handle(request, remoteAddress)} is the
 * whole answer to one polling request; {@code WebSocketEndpoint.verdict(request, remoteAddress)}
 * decides an upgrade before the RFC 6455 handshake, {@code handlerFor(verdict)} gives the
 * WebSocket's handler and {@code abandon(verdict)} returns reserved room if the handshake fails.
 *
 * <p>{@link org.socketlab.websocket.socketio.engine.EngineCodec} is pure (no I/O, no state).
 *
 * <p>Concurrency contract: {@link org.socketlab.websocket.socketio.engine.EngineServer} and
 * {@link org.socketlab.websocket.socketio.engine.EngineSession} are thread-safe. The front door
 * reads every request on the connection's own virtual thread; a long-poll GET holds that
 * thread until the session has packets. A session's state ({@code SessionState}, shared by its
 * {@code PollingTransport} and {@code UpgradeProbe}) sits behind one lock; its listener is called
 * outside that lock and one call at a time. Timers (heartbeat, upgrade timeout) run on virtual threads
 * started by one scheduler thread. The registry, the rate limiter and the CORS rule are
 * thread-safe; {@code EngineWarmup} runs once on the thread that starts a server.
 */
package org.socketlab.websocket.socketio.engine;
