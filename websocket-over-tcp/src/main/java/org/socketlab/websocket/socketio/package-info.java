/**
 * A Socket.IO v5 server whose wire protocol the official {@code socket.io-client} 4.x accepts
 * unchanged: events with {@link org.socketlab.websocket.socketio.SocketIoSocket#emit emit}/
 * {@link org.socketlab.websocket.socketio.SocketIoSocket#on on}, acknowledgements both ways,
 * binary arguments, namespaces ({@code server.of("/chat")}) with middlewares, rooms and
 * broadcasts — over Engine.IO v4 ({@link org.socketlab.websocket.socketio.engine}), which falls
 * back to HTTP long-polling where WebSocket is unavailable.
 *
 * <p>Layers: {@code parser} (pure Socket.IO packet codec) → {@code engine} (Engine.IO sessions
 * and transports, the only I/O) → this package (namespaces, sockets, rooms).
 *
 * <p>Concurrency contract:
 * <ul>
 *   <li>{@link org.socketlab.websocket.socketio.SocketIoServer},
 *       {@link org.socketlab.websocket.socketio.Namespace},
 *       {@link org.socketlab.websocket.socketio.SocketIoSocket},
 *       {@link org.socketlab.websocket.socketio.BroadcastOperator} and
 *       {@link org.socketlab.websocket.socketio.Ack} are thread-safe: emit, join, leave,
 *       broadcast and disconnect from any thread.</li>
 *   <li>Listeners (connection, events, disconnect) of one client connection run one at a time,
 *       in arrival order, on the thread that read the packet (a POST's or the WebSocket's
 *       reader, a virtual thread) — never two at once for the same client, possibly at once for
 *       different clients.</li>
 *   <li>Sends never wait for the network: packets are queued (the long-poll outbox, or the
 *       WebSocket's outbound queue) in call order. Do not block a listener waiting for another
 *       packet of the same client; chain on the future of
 *       {@link org.socketlab.websocket.socketio.SocketIoSocket#emitWithAck emitWithAck} instead.</li>
 *   <li>Register namespaces, middlewares and listeners before clients connect.</li>
 * </ul>
 */
package org.socketlab.websocket.socketio;
