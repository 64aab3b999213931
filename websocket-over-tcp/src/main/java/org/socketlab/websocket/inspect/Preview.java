package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.socketlab.tcp.wire.HexDump;

/**
 * Short, printable renderings of payload bytes for dissector lines: text quoted with escapes,
 * binary as hex, both cut at a limit with the total length stated. Stateless.
 */
final class Preview {

    /** Bytes of a data payload kept for its preview. */
    static final int LIMIT = 64;

    private Preview() {
    }

    /**
     * {@code "Hello"} or {@code "Hello wor…" (1000 bytes)}: UTF-8 decoded (a malformed or cut
     * sequence shows as U+FFFD), control characters escaped so one payload stays one line.
     */
    static String text(ByteBuffer shown, long totalLength) {
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(shown.duplicate()).toString();
        } catch (java.nio.charset.CharacterCodingException impossibleWithReplace) {
            decoded = "?";
        }
        StringBuilder text = new StringBuilder(decoded.length() + 8).append('"');
        decoded.codePoints().forEach(codePoint -> appendEscaped(text, codePoint));
        text.append('"');
        if (totalLength > shown.remaining()) {
            text.append("… (").append(totalLength).append(" bytes)");
        }
        return text.toString();
    }

    /** {@code 00 01 02 …} with the total length when cut. */
    static String hex(ByteBuffer shown, long totalLength) {
        String text = HexDump.hex(shown, shown.position(), shown.limit());
        return totalLength > shown.remaining() ? text + " … (" + totalLength + " bytes)" : text;
    }

    /**
     * {@code line} with every control character (CR, LF, NUL, ESC…) written as {@code \\uXXXX}:
     * an annotation is always one printable line, whatever bytes a peer put in a header.
     */
    static String oneLine(String line) {
        StringBuilder text = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || c == 0x7F;
            if (control && text == null) {
                text = new StringBuilder(line.length() + 8).append(line, 0, i);
            }
            if (text != null) {
                text.append(control ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return text == null ? line : text.toString();
    }

    /** True when every byte is printable ASCII, TAB, CR or LF: worth showing as text. */
    static boolean looksLikeText(ByteBuffer bytes) {
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            int b = bytes.get(i) & 0xFF;
            if ((b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static void appendEscaped(StringBuilder text, int codePoint) {
        switch (codePoint) {
            case '\n' -> text.append("\\n");
            case '\r' -> text.append("\\r");
            case '\t' -> text.append("\\t");
            case '"' -> text.append("\\\"");
            case '\\' -> text.append("\\\\");
            default -> {
                if (codePoint < 0x20 || codePoint == 0x7F) {
                    text.append(String.format("\\u%04x", codePoint));
                } else {
                    text.appendCodePoint(codePoint);
                }
            }
        }
    }
}
