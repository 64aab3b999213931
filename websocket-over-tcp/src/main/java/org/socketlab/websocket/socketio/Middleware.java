package org.socketlab.websocket.socketio;

/**
 * Runs before a client joins a namespace, like {@code io.use((socket, next) => ...)}: inspect
 * {@link SocketIoSocket#auth()}, and throw
 * {@link ConnectErrorException} to refuse — the client then receives CONNECT_ERROR with its
 * message (and data). Middlewares run in registration order on the connecting client's thread.
 */
@FunctionalInterface
public interface Middleware {

    void check(SocketIoSocket socket) throws ConnectErrorException;
}
