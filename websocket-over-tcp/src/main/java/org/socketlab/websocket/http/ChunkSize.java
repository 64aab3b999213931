package org.socketlab.websocket.http;

/**
 * The chunk-size line of the chunked transfer coding (RFC 9112 §7.1),
 * {@code chunk-size [ chunk-ext ]}: one rule for every decoder of chunked bodies (the strict
 * {@code realtime.ChunkedDecoder} of the course's clients and the lenient {@code inspect}
 * dissector), each of which decides what a bad line means for it. Stateless.
 */
public final class ChunkSize {

    /** At most 15 hex digits: the size then fits a {@code long} (2^60 - 1). */
    public static final int MAX_HEX_DIGITS = 15;

    private ChunkSize() {
    }

    /** The chunk-size field of a size line: the text before any {@code ;} extension, without surrounding whitespace. */
    public static String field(String sizeLine) {
        int extension = sizeLine.indexOf(';');
        return (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
    }

    /**
     * The size a chunk-size line announces, or -1 when its chunk-size is not 1 to
     * {@value #MAX_HEX_DIGITS} hex digits ({@code HEXDIG}, RFC 9112 §7.1; chunk extensions are ignored).
     */
    public static long parse(String sizeLine) {
        String hex = field(sizeLine);
        if (hex.isEmpty() || hex.length() > MAX_HEX_DIGITS) {
            return -1;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            boolean hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hexDigit) {
                return -1;
            }
        }
        return Long.parseLong(hex, 16);
    }
}
