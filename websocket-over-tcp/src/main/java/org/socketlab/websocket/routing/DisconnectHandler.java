package org.socketlab.websocket.routing;

/**
 * The {@code $disconnect} route: called exactly once for every connection that passed
 * {@code $connect} and opened — after a close handshake from either side, an abrupt TCP drop
 * (1006), a protocol error, a DELETE on {@code @connections}, or server shutdown (1001). The
 * connection is already gone: it cannot be sent to. Exceptions are logged and ignored.
 */
@FunctionalInterface
public interface DisconnectHandler {

    /**
     * @param connectionId the id of the connection that ended
     * @param closeCode    the close code (1006 when there was no closing handshake, RFC 6455 §7.1.5)
     * @param reason       the close reason, possibly empty
     * @param connections  the remaining connections, e.g. to tell the others
     */
    void onDisconnect(String connectionId, int closeCode, String reason, ConnectionManager connections);

    static DisconnectHandler ignore() {
        return (connectionId, closeCode, reason, connections) -> { };
    }
}
