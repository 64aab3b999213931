package org.socketlab.tcp.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The classic hex dump, 16 bytes a line: stream offset, bytes in hex (a gap after 8), and the
 * printable ASCII ones on the right.
 *
 * <pre>
 * 00000000  47 45 54 20 2f 63 68 61  74 20 48 54 54 50 2f 31  |GET /chat HTTP/1|
 * </pre>
 *
 * The offset counts from the start of the direction's stream, so a dissector line that says
 * "frame at offset 0x1a" can be found in the dump. Stateless; thread-safe.
 */
public final class HexDump {

    public static final int BYTES_PER_LINE = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HexDump() {
    }

    /** All of {@code bytes}, offsets starting at 0. */
    public static String format(byte[] bytes) {
        return String.join("\n", lines(ByteBuffer.wrap(bytes), 0, Integer.MAX_VALUE));
    }

    /**
     * Dump lines for {@code bytes} (position to limit; the buffer is not moved).
     *
     * @param streamOffset the stream offset of {@code bytes.position()}, printed on each line
     * @param maxBytes     dump at most this many bytes; a last line says how many were left out
     */
    public static List<String> lines(ByteBuffer bytes, long streamOffset, int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
        int length = bytes.remaining();
        int shown = Math.min(length, maxBytes);
        List<String> lines = new ArrayList<>(shown / BYTES_PER_LINE + 2);
        for (int lineStart = 0; lineStart < shown; lineStart += BYTES_PER_LINE) {
            int lineLength = Math.min(BYTES_PER_LINE, shown - lineStart);
            lines.add(line(bytes, bytes.position() + lineStart, lineLength, streamOffset + lineStart));
        }
        if (shown < length) {
            lines.add("... " + (length - shown) + " more bytes not shown");
        }
        return lines;
    }

    private static String line(ByteBuffer bytes, int index, int count, long offset) {
        StringBuilder line = new StringBuilder(80);
        line.append(String.format("%08x ", offset));
        for (int i = 0; i < BYTES_PER_LINE; i++) {
            if (i == BYTES_PER_LINE / 2) {
                line.append(' ');
            }
            if (i < count) {
                int b = bytes.get(index + i) & 0xFF;
                line.append(' ').append(HEX[b >>> 4]).append(HEX[b & 0xF]);
            } else {
                line.append("   ");
            }
        }
        line.append("  |");
        for (int i = 0; i < count; i++) {
            line.append(printable(bytes.get(index + i)));
        }
        return line.append('|').toString();
    }

    /**
     * Bytes {@code from} (inclusive) to {@code to} (exclusive) as space-separated hex on one line,
     * e.g. {@code "81 05 48"}; absolute indices, the buffer is not moved.
     */
    public static String hex(ByteBuffer bytes, int from, int to) {
        StringBuilder text = new StringBuilder(Math.max(0, to - from) * 3);
        for (int i = from; i < to; i++) {
            int b = bytes.get(i) & 0xFF;
            if (i > from) {
                text.append(' ');
            }
            text.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
        }
        return text.toString();
    }

    /** Bytes {@code from} to {@code to} as printable ASCII, anything else as '.' (the dump's right column). */
    public static String ascii(ByteBuffer bytes, int from, int to) {
        StringBuilder text = new StringBuilder(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            text.append(printable(bytes.get(i)));
        }
        return text.toString();
    }

    /** The byte as an ASCII character when it is visible or a space, otherwise '.'. */
    public static char printable(byte b) {
        return b >= 0x20 && b < 0x7F ? (char) b : '.';
    }

    /** Bytes as a compact hex string, e.g. {@code "81 85 37 fa"}. */
    public static String hex(ByteBuffer bytes, int maxBytes) {
        StringBuilder text = new StringBuilder();
        int shown = Math.min(bytes.remaining(), maxBytes);
        for (int i = 0; i < shown; i++) {
            int b = bytes.get(bytes.position() + i) & 0xFF;
            if (i > 0) {
                text.append(' ');
            }
            text.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
        }
        if (shown < bytes.remaining()) {
            text.append(" ...");
        }
        return text.toString();
    }
}
