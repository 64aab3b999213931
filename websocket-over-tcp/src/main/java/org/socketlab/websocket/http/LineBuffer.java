package org.socketlab.websocket.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The bytes of one line being read, growing on demand; {@link LineReader} enforces the limit. */
final class LineBuffer {

    private byte[] bytes = new byte[128];
    private int length;

    void append(byte b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }

    int length() {
        return length;
    }

    byte at(int index) {
        return bytes[index];
    }

    /** Bytes {@code [from, to)} as a Latin-1 string: one char per byte, so nothing is lost for messages. */
    String text(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    String text() {
        return text(0, length);
    }

    /** A copy of the bytes held. */
    byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    void clear() {
        length = 0;
        if (bytes.length > 1024) {
            bytes = new byte[128]; // do not keep a large buffer alive for the connection's lifetime
        }
    }
}
