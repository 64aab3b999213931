package org.socketlab.websocket.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * One message on its route: who sent it, what it said, and how to answer. Used on the calling
 * thread only (the connection's reader); {@link #connections()} may be handed to other threads.
 */
public final class RouteContext {

    private final String connectionId;
    private final String routeKey;
    private final String requestId;
    private final String text;
    private final Optional<JsonNode> body;
    private final Optional<ByteBuffer> binary;
    private final Map<String, Object> attributes;
    private final ConnectionManager connections;

    RouteContext(String connectionId, String routeKey, String requestId, String text, Optional<JsonNode> body,
                 Optional<ByteBuffer> binary, Map<String, Object> attributes, ConnectionManager connections) {
        this.connectionId = connectionId;
        this.routeKey = routeKey;
        this.requestId = requestId;
        this.text = text;
        this.body = body;
        this.binary = binary;
        this.attributes = attributes;
        this.connections = connections;
    }

    /** The caller's connection id, the one {@code @connections/{id}} takes. */
    public String connectionId() {
        return connectionId;
    }

    /** The route that was selected: a custom key or {@code $default}. */
    public String routeKey() {
        return routeKey;
    }

    /** A fresh random id for this message, for logs and error replies (API Gateway's requestId). */
    public String requestId() {
        return requestId;
    }

    /** The message as received; empty for a binary message. */
    public String text() {
        return text;
    }

    /** The message parsed as JSON; empty when it is not JSON (or is binary). */
    public Optional<JsonNode> body() {
        return body;
    }

    /** The payload of a binary message (always routed to {@code $default}). */
    public Optional<ByteBuffer> binary() {
        return binary.map(ByteBuffer::asReadOnlyBuffer);
    }

    /** The connection's attributes, including what {@code $connect} stored. Thread-safe map. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /**
     * The route response: sends {@code text} back to the caller.
     *
     * @return false when the caller is gone already
     */
    public boolean reply(String text) {
        return connections.post(connectionId, text);
    }

    /** Every connection, to post to others ({@code @connections} as Java calls). */
    public ConnectionManager connections() {
        return connections;
    }
}
