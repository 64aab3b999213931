package org.socketlab.websocket.socketio.engine;

/**
 * The peer broke the Engine.IO protocol (a packet or payload that cannot be decoded). The
 * session that received it is closed with reason {@code "parse error"}, as the reference
 * server does.
 */
public class EngineProtocolException extends Exception {

    public EngineProtocolException(String message) {
        super(message);
    }
}
