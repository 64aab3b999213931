package org.socketlab.websocket.routing;

/**
 * Thrown by a {@link ConnectHandler} to refuse a connection: the opening handshake then fails
 * with {@link #status()} — 401 (no or unreadable credentials, RFC 9110 §15.5.2) or 403 (valid
 * credentials that may not connect, §15.5.4) — and the message as a short text body. The
 * message is written to the client, so it must not contain secrets.
 */
public final class ConnectRouteRefusedException extends Exception {

    private final int status;

    private ConnectRouteRefusedException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 401: the client did not prove who it is (e.g. no token). */
    public static ConnectRouteRefusedException unauthorized(String message) {
        return new ConnectRouteRefusedException(401, message);
    }

    /** 403: the client is known but may not connect (e.g. a wrong or expired token). */
    public static ConnectRouteRefusedException forbidden(String message) {
        return new ConnectRouteRefusedException(403, message);
    }

    public int status() {
        return status;
    }
}
