package org.socketlab.websocket.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Decodes a chunked request body across calls (RFC 9112 §7.1) with the strict policy of a
 * server: {@link ChunkedDecoder} under {@link LineReader.Policy#STRICT_CRLF}, its faults turned
 * into HTTP statuses. Every field is bounded: a size line of at most 1 KiB, a body of at most
 * {@code maxBodyBytes} (413), a trailer section of at most {@code maxTrailerBytes} (431);
 * anything malformed is 400. Chunk extensions and trailer fields are discarded (§7.1.1, §7.1.2).
 * Node's {@code http.request} sends a body this way when the caller sets no Content-Length (the
 * official {@code sockjs-client} in Node does). Not thread-safe.
 */
final class ChunkedBodyReader {

    private static final int MAX_SIZE_LINE = 1024;

    private final ChunkedDecoder decoder;
    private ByteArrayOutputStream body = new ByteArrayOutputStream();

    ChunkedBodyReader(long maxBodyBytes, int maxTrailerBytes) {
        // The limits count the line end too: a size line of MAX_SIZE_LINE bytes plus its CRLF.
        this.decoder = new ChunkedDecoder(new ChunkedDecoder.Limits(LineReader.Policy.STRICT_CRLF,
                MAX_SIZE_LINE + 2, maxBodyBytes, maxBodyBytes, maxTrailerBytes + 2));
    }

    /** Consumes what it can of {@code in}; true once the last chunk and the trailers have been read. */
    boolean read(ByteBuffer in) throws HttpException {
        try {
            ChunkedDecoder.Part part;
            while ((part = decoder.next(in)) != null) {
                if (part instanceof ChunkedDecoder.Part.Data data) {
                    ByteBuffer bytes = data.bytes();
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    body.write(copy, 0, copy.length);
                } else if (part instanceof ChunkedDecoder.Part.End) {
                    return true;
                }
            }
        } catch (ChunkedDecoder.ChunkedException e) {
            throw toHttp(e);
        }
        return decoder.isDone();
    }

    /** The decoded body; the reader is then ready for another. */
    byte[] take() {
        byte[] result = body.toByteArray();
        body = new ByteArrayOutputStream();
        decoder.reset();
        return result;
    }

    private static HttpException toHttp(ChunkedDecoder.ChunkedException e) {
        return switch (e.fault()) {
            case SIZE_NOT_HEX -> malformed("a chunk size is hexadecimal digits, got " + HttpSyntax.quote(e.detail())
                    + " (RFC 9112 §7.1)");
            case CHUNK_TOO_LARGE, BODY_TOO_LARGE -> new HttpException(HttpStatus.PAYLOAD_TOO_LARGE,
                    "the chunked request body exceeds the limit of " + e.limit() + " bytes (RFC 9110 §15.5.14)");
            case NOT_CRLF -> malformed("a line of a chunked body must end with CRLF (RFC 9112 §7.1)");
            case LINE_TOO_LONG -> malformed("a line of the chunked body is longer than " + (e.limit() - 2)
                    + " bytes (RFC 9112 §7.1)");
            case TRAILERS_TOO_LARGE -> new HttpException(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "a line of the chunked body is longer than " + Math.max(0, e.limit() - 2) + " bytes (RFC 9112 §7.1)");
            case DATA_NOT_FOLLOWED_BY_CRLF -> malformed("chunk-data must be followed by CRLF, got byte 0x" + e.detail()
                    + " (RFC 9112 §7.1)");
        };
    }

    private static HttpException malformed(String message) {
        return new HttpException(HttpStatus.BAD_REQUEST, message);
    }
}
