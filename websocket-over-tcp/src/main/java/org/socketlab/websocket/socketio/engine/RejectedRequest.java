package org.socketlab.websocket.socketio.engine;

/** A polling request the session refuses; the endpoint answers with the error's JSON. */
final class RejectedRequest extends Exception {

    private final EngineError error;

    RejectedRequest(EngineError error, String detail) {
        super(error.message() + ": " + detail);
        this.error = error;
    }

    EngineError error() {
        return error;
    }
}
