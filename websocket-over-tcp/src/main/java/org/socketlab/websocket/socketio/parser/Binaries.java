package org.socketlab.websocket.socketio.parser;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves binary values out of a JSON tree and back (Socket.IO v5, "binary attachments"): each
 * {@code byte[]} (or {@code ByteBuffer}) becomes {@code {"_placeholder":true,"num":n}} and is
 * sent as attachment n after the packet.
 */
final class Binaries {

    private static final String PLACEHOLDER = "_placeholder";

    private Binaries() {
    }

    /** A copy of {@code value} with binaries replaced by placeholders; they are appended to {@code attachments}. */
    static Object deconstruct(Object value, List<byte[]> attachments) {
        if (value instanceof byte[] bytes) {
            return placeholder(bytes.clone(), attachments);
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer view = buffer.duplicate();
            byte[] bytes = new byte[view.remaining()];
            view.get(bytes);
            return placeholder(bytes, attachments);
        }
        if (value instanceof JsonObjectText text) {
            return text; // JSON text holds no binaries; copying it would lose its exact form
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, deconstruct(item, attachments)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(deconstruct(item, attachments)));
            return copy;
        }
        if (value instanceof Object[] array) {
            return deconstruct(Arrays.asList(array), attachments);
        }
        return value;
    }

    private static Map<String, Object> placeholder(byte[] bytes, List<byte[]> attachments) {
        Map<String, Object> placeholder = new LinkedHashMap<>();
        placeholder.put(PLACEHOLDER, true);
        placeholder.put("num", attachments.size());
        attachments.add(bytes);
        return placeholder;
    }

    /** {@code value} with every placeholder replaced by its attachment (in place for maps and lists). */
    static Object reconstruct(Object value, List<byte[]> attachments) throws SocketIoProtocolException {
        // BEGIN SOLUTION lab=13 task="put each binary attachment back where its placeholder {_placeholder: true, num: n} is, in maps and lists (Socket.IO v5)"
        if (value instanceof Map<?, ?> map) {
            if (Boolean.TRUE.equals(map.get(PLACEHOLDER))) {
                return attachment(map.get("num"), attachments);
            }
            @SuppressWarnings("unchecked")
            Map<Object, Object> writable = (Map<Object, Object>) map;
            for (Map.Entry<Object, Object> entry : writable.entrySet()) {
                entry.setValue(reconstruct(entry.getValue(), attachments));
            }
            return writable;
        }
        if (value instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> writable = (List<Object>) list;
            for (int i = 0; i < writable.size(); i++) {
                writable.set(i, reconstruct(writable.get(i), attachments));
            }
            return writable;
        }
        return value;
        // END SOLUTION
    }

    private static byte[] attachment(Object num, List<byte[]> attachments) throws SocketIoProtocolException {
        if (num instanceof Integer index && index >= 0 && index < attachments.size()) {
            return attachments.get(index);
        }
        throw new SocketIoProtocolException("placeholder num is " + num + "; the packet has " + attachments.size()
                + " attachment(s) (Socket.IO v5, binary attachments)");
    }

    /** True when the tree holds at least one binary value. */
    static boolean hasBinary(Object value) {
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(Binaries::hasBinary);
        }
        if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(Binaries::hasBinary);
        }
        return value instanceof Object[] array && Arrays.stream(array).anyMatch(Binaries::hasBinary);
    }
}
