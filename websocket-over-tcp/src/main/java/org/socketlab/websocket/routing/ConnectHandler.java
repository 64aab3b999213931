package org.socketlab.websocket.routing;

/**
 * The {@code $connect} route: called once per upgrade request, after the RFC 6455 checks and
 * before the 101 is written. Throw {@link ConnectRouteRefusedException} to refuse (401/403); return
 * normally to accept. Runs on the connecting client's thread, concurrently with other
 * connections. Any other exception refuses with 500.
 */
@FunctionalInterface
public interface ConnectHandler {

    void onConnect(ConnectRequest request) throws ConnectRouteRefusedException;

    /** Accepts every connection. */
    static ConnectHandler acceptAll() {
        return request -> { };
    }
}
