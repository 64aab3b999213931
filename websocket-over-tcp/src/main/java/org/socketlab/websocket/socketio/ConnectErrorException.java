package org.socketlab.websocket.socketio;

/**
 * Thrown by a {@link Middleware} to refuse a connection; the client receives
 * {@code 4{"message":"...","data":...}} (CONNECT_ERROR) and its {@code connect_error} event fires.
 */
public class ConnectErrorException extends Exception {

    private final transient Object data;

    public ConnectErrorException(String message) {
        this(message, null);
    }

    /** @param data extra JSON-able details for the client ({@code err.data}), or null */
    public ConnectErrorException(String message, Object data) {
        super(message);
        this.data = data;
    }

    public Object data() {
        return data;
    }
}
