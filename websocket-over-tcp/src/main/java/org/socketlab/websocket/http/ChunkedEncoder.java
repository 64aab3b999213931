package org.socketlab.websocket.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a body in the chunked transfer coding (RFC 9112 §7.1), for responses whose length is
 * not known in advance (streaming, server-sent events). Send a head with
 * {@code Transfer-Encoding: chunked} (and no Content-Length), then {@link #encodeChunk} for each
 * piece, then {@link #lastChunk()} exactly once.
 *
 * <pre>
 *   chunk      = chunk-size(hex) CRLF chunk-data CRLF
 *   last-chunk = "0" CRLF CRLF          (no trailer fields)
 * </pre>
 *
 * <p>Not thread-safe: one writer per response.
 */
public final class ChunkedEncoder {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private boolean finished;

    /**
     * One chunk carrying the remaining bytes of {@code data} (consumed). An empty {@code data} gives
     * an empty buffer — not a zero-size chunk, which would end the body (RFC 9112 §7.1).
     *
     * @throws IllegalStateException after {@link #lastChunk()}
     */
    public ByteBuffer encodeChunk(ByteBuffer data) {
        // BEGIN SOLUTION lab=07 task="encode one chunk: size in hex, CRLF, the data, CRLF; nothing for empty data (RFC 9112 §7.1)"
        requireOpen();
        int size = data.remaining();
        if (size == 0) {
            return ByteBuffer.allocate(0);
        }
        byte[] sizeLine = Integer.toHexString(size).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer chunk = ByteBuffer.allocate(sizeLine.length + 2 + size + 2);
        chunk.put(sizeLine).put(CRLF).put(data).put(CRLF);
        return chunk.flip();
        // END SOLUTION
    }

    /** {@link #encodeChunk(ByteBuffer)} for a byte array. */
    public byte[] encodeChunk(byte[] data) {
        ByteBuffer chunk = encodeChunk(ByteBuffer.wrap(data));
        byte[] bytes = new byte[chunk.remaining()];
        chunk.get(bytes);
        return bytes;
    }

    /** The zero-size chunk that ends the body; after it this encoder accepts nothing more. */
    public ByteBuffer lastChunk() {
        requireOpen();
        finished = true;
        return ByteBuffer.wrap(LAST_CHUNK.clone());
    }

    public boolean isFinished() {
        return finished;
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("the last chunk was already written; the chunked body is complete");
        }
    }
}
