package org.socketlab.websocket.socketio.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpResponse;

/**
 * A request the Engine.IO layer refuses, with the answer to send. The message (for logs) may
 * quote the request; the response body never does.
 */
final class RejectedRequest extends Exception {

    private final HttpResponse response;

    /** Answered with the reference server's JSON error, e.g. 400 {@code {"code":1,"message":"Session ID unknown"}}. */
    RejectedRequest(EngineError error, String detail) {
        this(error.toResponse(), error.message() + ": " + detail);
    }

    private RejectedRequest(HttpResponse response, String detail) {
        super(detail);
        this.response = response;
    }

    /** 400 with an empty body: what the reference server answers to overlapping GETs or POSTs. */
    static RejectedRequest emptyBadRequest(String detail) {
        return new RejectedRequest(new HttpResponse(400, "Bad Request", HttpHeaders.of("Content-Length", "0"),
                new byte[0]), detail);
    }

    /** 503 with {@code Retry-After}: a cap is reached; the body is fixed text, never the request's. */
    static RejectedRequest overloaded(String publicMessage, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        HttpHeaders headers = HttpHeaders.of("Retry-After", String.valueOf(seconds), "Cache-Control", "no-store");
        byte[] body = ("{\"message\":\"" + publicMessage + "\"}").getBytes(StandardCharsets.UTF_8);
        return new RejectedRequest(HttpResponse.withBody(503, headers, "application/json", body), publicMessage);
    }

    HttpResponse response() {
        return response;
    }
}
