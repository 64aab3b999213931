package org.socketlab.websocket.realtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.socketlab.websocket.http.ChunkSize;

/**
 * A resumable decoder for the chunked transfer coding (RFC 9112 §7.1), the client-side twin of
 * the {@code http} package's {@code ChunkedEncoder}:
 *
 * <pre>
 *   chunk      = chunk-size(hex) [ chunk-ext ] CRLF chunk-data CRLF
 *   last-chunk = 1*("0") [ chunk-ext ] CRLF
 *   trailer    = *( field-line CRLF ) CRLF
 * </pre>
 *
 * <p>Feed it bytes in pieces of any size; it returns the chunk data they carried. Chunk
 * extensions and trailer fields are skipped. A size line longer than 1 KiB, a size over
 * {@code maxChunkBytes}, a non-hex size or missing CRLF after the data is the server's fault:
 * {@link ChunkedFormatException}. Not thread-safe.
 */
public final class ChunkedDecoder {

    private enum State { SIZE_LINE, DATA, DATA_CRLF, TRAILER_LINE, DONE }

    private static final int MAX_LINE_BYTES = 1024;

    private final long maxChunkBytes;
    private final StringBuilder line = new StringBuilder();
    private State state = State.SIZE_LINE;
    private long remainingData;
    private int crlfSeen;

    public ChunkedDecoder(long maxChunkBytes) {
        this.maxChunkBytes = maxChunkBytes;
    }

    public ChunkedDecoder() {
        this(16L << 20);
    }

    /** Consumes {@code in} (up to the end of the body) and returns the data it carried. */
    public byte[] decode(ByteBuffer in) throws ChunkedFormatException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (in.hasRemaining() && state != State.DONE) {
            switch (state) {
                case SIZE_LINE -> {
                    String sizeLine = readLine(in);
                    if (sizeLine != null) {
                        startChunk(sizeLine);
                    }
                }
                case DATA -> {
                    int count = (int) Math.min(remainingData, in.remaining());
                    byte[] piece = new byte[count];
                    in.get(piece);
                    data.write(piece, 0, count);
                    remainingData -= count;
                    if (remainingData == 0) {
                        state = State.DATA_CRLF;
                    }
                }
                case DATA_CRLF -> expectCrlf(in.get());
                case TRAILER_LINE -> {
                    String trailer = readLine(in);
                    if (trailer != null && trailer.isEmpty()) {
                        state = State.DONE;
                    }
                }
                case DONE -> throw new IllegalStateException("unreachable");
            }
        }
        return data.toByteArray();
    }

    /** True once the last chunk and the trailer section were read: the body is complete. */
    public boolean isDone() {
        return state == State.DONE;
    }

    private void startChunk(String sizeLine) throws ChunkedFormatException {
        long size = ChunkSize.parse(sizeLine);
        if (size < 0) {
            throw new ChunkedFormatException("chunk-size must be hexadecimal digits (RFC 9112 §7.1), got \""
                    + sizeLine + "\"");
        }
        if (size > maxChunkBytes) {
            throw new ChunkedFormatException("chunk of " + size + " bytes exceeds the limit of " + maxChunkBytes);
        }
        remainingData = size;
        state = size == 0 ? State.TRAILER_LINE : State.DATA;
    }

    private void expectCrlf(byte b) throws ChunkedFormatException {
        byte expected = crlfSeen == 0 ? (byte) '\r' : (byte) '\n';
        if (b != expected) {
            throw new ChunkedFormatException("chunk-data must be followed by CRLF (RFC 9112 §7.1), got byte 0x"
                    + Integer.toHexString(b & 0xFF));
        }
        if (++crlfSeen == 2) {
            crlfSeen = 0;
            state = State.SIZE_LINE;
        }
    }

    /** A CRLF-terminated line without its CRLF, or null when the bytes ran out first. */
    private String readLine(ByteBuffer in) throws ChunkedFormatException {
        while (in.hasRemaining()) {
            char c = (char) (in.get() & 0xFF);
            if (c == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                String text = line.substring(0, end);
                line.setLength(0);
                return text;
            }
            if (line.length() >= MAX_LINE_BYTES) {
                throw new ChunkedFormatException("chunk-size or trailer line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.append(c);
        }
        return null;
    }
}
