package org.socketlab.websocket.socketio.parser;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON object exactly as a peer sent it — the payload of a CONNECT ({@code auth}) — readable
 * as an unmodifiable, ordered {@code Map} and written back as the very same text: key order,
 * number forms ({@code 1.0}, {@code 1e3}, {@code 12345678901234567890}), escapes and spacing all
 * survive, so {@code socket.emit("auth", socket.auth())} echoes what the client sent.
 *
 * <p>In the map view, keys keep their order; a number with a fraction or exponent is a
 * {@link java.math.BigDecimal} (exact), an integer an {@code Integer}, {@code Long} or
 * {@code BigInteger}; nested objects and arrays are ordered maps and lists. Immutable and
 * thread-safe.
 */
public final class JsonObjectText extends AbstractMap<String, Object> {

    /** {@code {}}: no payload. */
    public static final JsonObjectText EMPTY = new JsonObjectText("{}", Map.of());

    private final String json;
    private final Map<String, Object> entries;

    private JsonObjectText(String json, Map<String, Object> entries) {
        this.json = json;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /**
     * Parses {@code json}, which must be one JSON object.
     *
     * @throws SocketIoProtocolException if it is not JSON or not an object
     */
    public static JsonObjectText parse(String json) throws SocketIoProtocolException {
        Objects.requireNonNull(json, "json");
        Object tree = Json.readExact(json);
        if (!(tree instanceof Map<?, ?> map)) {
            throw new SocketIoProtocolException("payload is not a JSON object (Socket.IO v5, packet format)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> entries = (Map<String, Object>) map;
        return new JsonObjectText(json, entries);
    }

    /** The JSON text as received. */
    public String json() {
        return json;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return entries.entrySet();
    }

    @Override
    public Object get(Object key) {
        return entries.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    /** The JSON text as received. */
    @Override
    public String toString() {
        return json;
    }
}
