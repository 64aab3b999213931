package org.socketlab.websocket.socketio.parser;

/**
 * The client sent a packet that is not Socket.IO v5. Like the reference server, the connection
 * that sent it is closed ("parse error"): there is no way to resynchronise a packet stream.
 */
public class SocketIoProtocolException extends Exception {

    public SocketIoProtocolException(String message) {
        super(message);
    }
}
