package org.socketlab.websocket.realtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.socketlab.websocket.http.LineReader;

/**
 * The course clients' reader of a chunked response body (RFC 9112 §7.1), the client-side twin
 * of the {@code http} package's {@code ChunkedEncoder}: {@link org.socketlab.websocket.http.ChunkedDecoder}
 * under {@link LineReader.Policy#LENIENT_LF_LIMITED} (a bare LF ends a line, as §2.2 lets a
 * recipient accept), collecting the data and throwing at the first fault.
 *
 * <p>Feed it bytes in pieces of any size; it returns the chunk data they carried. Chunk
 * extensions and trailer fields are skipped. A size line longer than 1 KiB, a trailer section
 * longer than 16 KiB, a size over {@code maxChunkBytes}, a non-hex size or missing CRLF after
 * the data is the server's fault: {@link ChunkedFormatException}. Not thread-safe.
 */
public final class ChunkedDecoder {

    private static final int MAX_LINE_BYTES = 1024;
    private static final int MAX_TRAILER_BYTES = 16 * 1024;

    private final org.socketlab.websocket.http.ChunkedDecoder decoder;

    public ChunkedDecoder(long maxChunkBytes) {
        // The limits count the line end too: a line of MAX_LINE_BYTES plus its LF.
        this.decoder = new org.socketlab.websocket.http.ChunkedDecoder(new org.socketlab.websocket.http.ChunkedDecoder.Limits(
                LineReader.Policy.LENIENT_LF_LIMITED, MAX_LINE_BYTES + 1, maxChunkBytes, Long.MAX_VALUE, MAX_TRAILER_BYTES));
    }

    public ChunkedDecoder() {
        this(16L << 20);
    }

    /** Consumes {@code in} (up to the end of the body) and returns the data it carried. */
    public byte[] decode(ByteBuffer in) throws ChunkedFormatException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try {
            org.socketlab.websocket.http.ChunkedDecoder.Part part;
            while ((part = decoder.next(in)) != null) {
                if (part instanceof org.socketlab.websocket.http.ChunkedDecoder.Part.Data piece) {
                    ByteBuffer bytes = piece.bytes();
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    data.write(copy, 0, copy.length);
                }
            }
        } catch (org.socketlab.websocket.http.ChunkedDecoder.ChunkedException e) {
            throw new ChunkedFormatException(message(e));
        }
        return data.toByteArray();
    }

    /** True once the last chunk and the trailer section were read: the body is complete. */
    public boolean isDone() {
        return decoder.isDone();
    }

    private static String message(org.socketlab.websocket.http.ChunkedDecoder.ChunkedException e) {
        return switch (e.fault()) {
            case SIZE_NOT_HEX -> "chunk-size must be hexadecimal digits (RFC 9112 §7.1), got \"" + e.detail() + "\"";
            case CHUNK_TOO_LARGE, BODY_TOO_LARGE -> "chunk of " + e.size() + " bytes exceeds the limit of " + e.limit();
            case LINE_TOO_LONG, NOT_CRLF -> "chunk-size or trailer line longer than " + MAX_LINE_BYTES + " bytes";
            case TRAILERS_TOO_LARGE -> "trailer section longer than " + MAX_TRAILER_BYTES + " bytes";
            case DATA_NOT_FOLLOWED_BY_CRLF -> "chunk-data must be followed by CRLF (RFC 9112 §7.1), got byte 0x"
                    + Integer.toHexString(Integer.parseInt(e.detail(), 16));
        };
    }
}
