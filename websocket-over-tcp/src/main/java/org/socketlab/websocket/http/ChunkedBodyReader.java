package org.socketlab.websocket.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Decodes a chunked request body across calls (RFC 9112 §7.1): size line (hex, chunk extensions
 * ignored, §7.1.1), data, CRLF, … the last chunk {@code 0}, then trailer lines up to an empty
 * one (discarded, §7.1.2). Every field is bounded: a size line of at most 1 KiB, a body of at
 * most {@code maxBodyBytes} (413), a trailer section of at most {@code maxTrailerBytes} (431).
 * Anything malformed is 400. Node's {@code http.request} sends a body this way when the caller
 * sets no Content-Length (the official {@code sockjs-client} in Node does). Not thread-safe.
 */
final class ChunkedBodyReader {

    private static final int MAX_SIZE_LINE = 1024;

    private enum State { SIZE_LINE, DATA, DATA_END, TRAILERS, DONE }

    private final long maxBodyBytes;
    private final int maxTrailerBytes;
    private final StringBuilder line = new StringBuilder();
    private ByteArrayOutputStream body = new ByteArrayOutputStream();
    private State state = State.SIZE_LINE;
    private long chunkRemaining;
    private int trailerBytes;

    ChunkedBodyReader(long maxBodyBytes, int maxTrailerBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxTrailerBytes = maxTrailerBytes;
    }

    /** Consumes what it can of {@code in}; true once the last chunk and the trailers have been read. */
    boolean read(ByteBuffer in) throws HttpException {
        while (state != State.DONE && in.hasRemaining()) {
            switch (state) {
                case SIZE_LINE -> {
                    String sizeLine = readLine(in, MAX_SIZE_LINE, HttpStatus.BAD_REQUEST);
                    if (sizeLine != null) {
                        startChunk(parseSize(sizeLine));
                    }
                }
                case DATA -> readData(in);
                case DATA_END -> {
                    String end = readLine(in, 0, HttpStatus.BAD_REQUEST);
                    if (end != null) {
                        state = State.SIZE_LINE;
                    }
                }
                case TRAILERS -> {
                    String trailer = readLine(in, maxTrailerBytes - trailerBytes, 431);
                    if (trailer != null) {
                        trailerBytes += trailer.length() + 2;
                        if (trailer.isEmpty()) {
                            state = State.DONE;
                        }
                    }
                }
                case DONE -> { }
            }
        }
        return state == State.DONE;
    }

    private void readData(ByteBuffer in) {
        int count = (int) Math.min(in.remaining(), chunkRemaining);
        byte[] copy = new byte[count];
        in.get(copy);
        body.write(copy, 0, count);
        chunkRemaining -= count;
        if (chunkRemaining == 0) {
            state = State.DATA_END;
        }
    }

    /** The decoded body; the reader is then ready for another. */
    byte[] take() {
        byte[] result = body.toByteArray();
        body = new ByteArrayOutputStream();
        state = State.SIZE_LINE;
        trailerBytes = 0;
        return result;
    }

    private void startChunk(long size) throws HttpException {
        if (size == 0) {
            state = State.TRAILERS;
            return;
        }
        if (body.size() + size > maxBodyBytes) {
            throw new HttpException(HttpStatus.PAYLOAD_TOO_LARGE, "the chunked request body exceeds the limit of "
                    + maxBodyBytes + " bytes (RFC 9110 §15.5.14)");
        }
        chunkRemaining = size;
        state = State.DATA;
    }

    /**
     * Collects one line across calls; returns it without its CRLF once the LF arrived, else null.
     * A bare LF, or a line longer than {@code maxLength}, is refused with {@code status}.
     */
    private String readLine(ByteBuffer in, int maxLength, int status) throws HttpException {
        while (in.hasRemaining()) {
            char c = (char) (in.get() & 0xFF);
            if (c == '\n') {
                if (line.isEmpty() || line.charAt(line.length() - 1) != '\r') {
                    throw malformed("a line of a chunked body must end with CRLF (RFC 9112 §7.1)");
                }
                String complete = line.substring(0, line.length() - 1);
                line.setLength(0);
                return complete;
            }
            if (line.length() > maxLength) {
                throw new HttpException(status, "a line of the chunked body is longer than " + maxLength
                        + " bytes (RFC 9112 §7.1)");
            }
            line.append(c);
        }
        return null;
    }

    private static long parseSize(String sizeLine) throws HttpException {
        int semicolon = sizeLine.indexOf(';');
        String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
        if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw malformed("a chunk size is hexadecimal digits, got " + HttpSyntax.quote(sizeLine) + " (RFC 9112 §7.1)");
        }
        return Long.parseLong(hex, 16);
    }

    private static HttpException malformed(String message) {
        return new HttpException(HttpStatus.BAD_REQUEST, message);
    }
}
