package org.socketlab.websocket.inspect;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;

/**
 * Collects one line across chunks, up to LF; the line is returned without its CRLF or LF. A
 * dissector is lenient where a server is strict: a bare LF ends a line too (RFC 9112 §2.2
 * allows recipients to accept it), and a line longer than the limit is cut, not refused, so
 * the reader never holds more than {@code maxLength} bytes. Not thread-safe.
 */
final class LineReader {

    /** A complete line: its text, how many bytes it took on the wire, whether it was cut. */
    record Line(String text, int wireLength, boolean truncated, boolean bareLf) {
        boolean isEmpty() {
            return text.isEmpty() && !truncated;
        }
    }

    private final int maxLength;
    private final Charset charset;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int wireLength;
    private boolean truncated;

    LineReader(int maxLength, Charset charset) {
        this.maxLength = maxLength;
        this.charset = charset;
    }

    /** The next line, or null when {@code in} ran out first (the part read so far is kept). */
    Line read(ByteBuffer in) {
        while (in.hasRemaining()) {
            byte b = in.get();
            wireLength++;
            if (b == '\n') {
                return finish();
            }
            if (line.size() < maxLength) {
                line.write(b);
            } else {
                truncated = true;
            }
        }
        return null;
    }

    /** Bytes of an unfinished line held so far. */
    int pending() {
        return wireLength;
    }

    void clear() {
        line.reset();
        wireLength = 0;
        truncated = false;
    }

    private Line finish() {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        boolean crlf = length > 0 && bytes[length - 1] == '\r' && !truncated;
        if (crlf) {
            length--;
        }
        Line result = new Line(new String(bytes, 0, length, charset), wireLength, truncated, !crlf);
        clear();
        return result;
    }
}
