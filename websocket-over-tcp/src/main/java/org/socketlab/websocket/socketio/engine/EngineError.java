package org.socketlab.websocket.socketio.engine;

import java.nio.charset.StandardCharsets;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpResponse;

/**
 * The HTTP errors of an Engine.IO server: status 400 (403 for {@link #FORBIDDEN}) with the body
 * {@code {"code":1,"message":"Session ID unknown"}} — the codes and messages of the reference
 * server, which clients and tests recognise.
 */
public enum EngineError {
    TRANSPORT_UNKNOWN(0, "Transport unknown"),
    UNKNOWN_SID(1, "Session ID unknown"),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method"),
    BAD_REQUEST(3, "Bad request"),
    FORBIDDEN(4, "Forbidden"),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version");

    private final int code;
    private final String message;

    EngineError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    public int httpStatus() {
        return this == FORBIDDEN ? 403 : 400;
    }

    /** {@code {"code":n,"message":"..."}} as {@code application/json}. */
    public String json() {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }

    public HttpResponse toResponse() {
        return HttpResponse.withBody(httpStatus(), new HttpHeaders(), "application/json",
                json().getBytes(StandardCharsets.UTF_8));
    }
}
