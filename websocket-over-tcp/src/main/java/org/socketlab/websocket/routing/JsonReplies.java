package org.socketlab.websocket.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpResponse;

/** The JSON the routing layer writes: error messages to WebSocket callers and HTTP responses. */
final class JsonReplies {

    private JsonReplies() {
    }

    /** API Gateway's error message to a WebSocket caller, e.g. {@code {"message":"Forbidden",...}}. */
    static String callerError(String message, String connectionId, String requestId) {
        ObjectNode error = Router.JSON.createObjectNode();
        error.put("message", message);
        error.put("connectionId", connectionId);
        error.put("requestId", requestId);
        return write(error);
    }

    /** A JSON response; the body never quotes request input (the messages are fixed strings). */
    static HttpResponse http(int status, JsonNode body) {
        HttpHeaders headers = HttpHeaders.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff");
        return HttpResponse.withBody(status, headers, "application/json; charset=utf-8",
                write(body).getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse httpError(int status, String message) {
        return http(status, Router.JSON.createObjectNode().put("message", message));
    }

    /** A response without content (204, or API Gateway's empty 200 after a POST). */
    static HttpResponse empty(int status, HttpHeaders headers) {
        HttpHeaders all = headers.copy().set("Cache-Control", "no-store");
        if (status != 204) {
            all.set("Content-Length", "0"); // RFC 9110 §8.6: a 204 has no Content-Length
        }
        return new HttpResponse(status, org.socketlab.websocket.http.HttpStatus.reasonPhrase(status), all, new byte[0]);
    }

    private static String write(JsonNode node) {
        try {
            return Router.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e); // cannot happen for trees
        }
    }
}
