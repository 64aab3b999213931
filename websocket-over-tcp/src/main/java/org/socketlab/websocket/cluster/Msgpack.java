package org.socketlab.websocket.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * MessagePack ↔ Jackson trees, as {@code notepack.io} (the Redis adapter's encoder) writes and
 * reads them: maps with string keys, integers in the smallest form, other numbers as float64,
 * {@code Buffer}s as bin, {@code undefined} as the fixext 0 extension (read as null).
 * Thread-safe (stateless).
 */
final class Msgpack {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Deeper than any real packet; a hostile message cannot overflow the stack. */
    private static final int MAX_DEPTH = 64;

    private Msgpack() {
    }

    static byte[] encode(JsonNode value) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            pack(packer, value);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory: cannot happen
        }
    }

    private static void pack(MessageBufferPacker packer, JsonNode value) throws IOException {
        if (value == null || value.isNull() || value.isMissingNode()) {
            packer.packNil();
        } else if (value.isObject()) {
            packer.packMapHeader(value.size());
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                packer.packString(field.getKey());
                pack(packer, field.getValue());
            }
        } else if (value.isArray()) {
            packer.packArrayHeader(value.size());
            for (JsonNode element : value) {
                pack(packer, element);
            }
        } else if (value.isBinary()) {
            byte[] bytes = value.binaryValue();
            packer.packBinaryHeader(bytes.length);
            packer.writePayload(bytes);
        } else if (value.isTextual()) {
            packer.packString(value.textValue());
        } else if (value.isBoolean()) {
            packer.packBoolean(value.booleanValue());
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            packer.packLong(value.longValue());
        } else if (value.isNumber()) {
            packer.packDouble(value.doubleValue());
        } else {
            packer.packString(value.asText());
        }
    }

    /** The bytes of a bin value. */
    static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode decode(byte[] bytes) {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            return unpack(unpacker, 0);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a MessagePack value as notepack.io writes them: " + e.getMessage(), e);
        }
    }

    private static JsonNode unpack(MessageUnpacker unpacker, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
        }
        ValueType type = unpacker.getNextFormat().getValueType();
        switch (type) {
            case NIL -> {
                unpacker.unpackNil();
                return NODES.nullNode();
            }
            case BOOLEAN -> {
                return NODES.booleanNode(unpacker.unpackBoolean());
            }
            case INTEGER -> {
                return NODES.numberNode(unpacker.unpackLong());
            }
            case FLOAT -> {
                return NODES.numberNode(unpacker.unpackDouble());
            }
            case STRING -> {
                return NODES.textNode(unpacker.unpackString());
            }
            case BINARY -> {
                return NODES.binaryNode(unpacker.readPayload(unpacker.unpackBinaryHeader()));
            }
            case ARRAY -> {
                int size = unpacker.unpackArrayHeader();
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < size; i++) {
                    array.add(unpack(unpacker, depth + 1));
                }
                return array;
            }
            case MAP -> {
                int size = unpacker.unpackMapHeader();
                ObjectNode object = NODES.objectNode();
                for (int i = 0; i < size; i++) {
                    String key = unpack(unpacker, depth + 1).asText();
                    object.set(key, unpack(unpacker, depth + 1));
                }
                return object;
            }
            case EXTENSION -> { // notepack writes undefined as fixext 1 of type 0
                var header = unpacker.unpackExtensionTypeHeader();
                unpacker.readPayload(header.getLength());
                return NODES.nullNode();
            }
            default -> throw new IllegalArgumentException("unexpected MessagePack type " + type);
        }
    }
}
