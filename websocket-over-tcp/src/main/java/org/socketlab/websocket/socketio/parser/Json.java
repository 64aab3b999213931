package org.socketlab.websocket.socketio.parser;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** The Jackson mappers of the Socket.IO layer (thread-safe once configured). */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .registerModule(new SimpleModule("socketio-json-text").addSerializer(new JsonTextSerializer()));

    /** Reads numbers exactly: fractions and exponents as {@code BigDecimal}. */
    private static final ObjectMapper EXACT = MAPPER.copy()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    static Object read(String json) throws SocketIoProtocolException {
        return read(MAPPER, json);
    }

    static Object readExact(String json) throws SocketIoProtocolException {
        return read(EXACT, json);
    }

    private static Object read(ObjectMapper mapper, String json) throws SocketIoProtocolException {
        try {
            return mapper.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new SocketIoProtocolException("payload is not JSON (" + e.getOriginalMessage()
                    + ") (Socket.IO v5, packet encoding)");
        }
    }

    /** Writes a {@link JsonObjectText} as the text it was parsed from (already validated JSON). */
    private static final class JsonTextSerializer extends StdSerializer<JsonObjectText> {

        JsonTextSerializer() {
            super(JsonObjectText.class);
        }

        @Override
        public void serialize(JsonObjectText value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeRawValue(value.json());
        }
    }
}
