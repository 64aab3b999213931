package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;

/**
 * The classic hex dump: offset, 16 bytes in hex, the same bytes as ASCII ('.' when not
 * printable). Reads {@code position()..limit()} without moving the position.
 *
 * <pre>
 * 0000  81 05 48 65 6c 6c 6f                              ..Hello
 * </pre>
 */
public final class HexDump {

    private static final int PER_LINE = 16;

    private HexDump() {
    }

    /** A multi-line dump of all remaining bytes. */
    public static String format(ByteBuffer bytes) {
        StringBuilder out = new StringBuilder();
        int start = bytes.position();
        for (int line = start; line < bytes.limit(); line += PER_LINE) {
            int end = Math.min(line + PER_LINE, bytes.limit());
            out.append("%04x  ".formatted(line - start));
            for (int i = line; i < line + PER_LINE; i++) {
                out.append(i < end ? "%02x ".formatted(bytes.get(i) & 0xFF) : "   ");
            }
            out.append(' ').append(ascii(bytes, line, end)).append('\n');
        }
        return out.toString();
    }

    /** Bytes as space-separated hex on one line, e.g. "81 05 48". */
    public static String hex(ByteBuffer bytes, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                out.append(' ');
            }
            out.append("%02x".formatted(bytes.get(i) & 0xFF));
        }
        return out.toString();
    }

    /** Printable ASCII as itself, anything else as '.'. */
    public static String ascii(ByteBuffer bytes, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int b = bytes.get(i) & 0xFF;
            out.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return out.toString();
    }
}
