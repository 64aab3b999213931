package org.socketlab.websocket.http;

import java.nio.ByteBuffer;

/**
 * The one decoder of the chunked transfer coding (RFC 9112 §7.1), sans-I/O: feed it body bytes
 * in pieces of any size and it hands back the parts they complete, one at a time.
 *
 * <pre>
 *   chunked-body = *chunk last-chunk trailer-section CRLF
 *   chunk        = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 *   last-chunk   = 1*("0") [ chunk-ext ] CRLF
 * </pre>
 *
 * <p>Every field is bounded ({@link Limits}): a size line, one chunk, the whole body, the
 * trailer section. A violation is a {@link ChunkedException} carrying a {@link Fault} and what
 * broke the rule; each caller decides what it means — a 400/413/431 for a server reading a
 * request, an exception for a client, a report line for the dissector. Line ends follow the
 * {@link LineReader.Policy} of the limits. Not thread-safe.
 */
public final class ChunkedDecoder {

    /** The bounds of one chunked body; every one of them is checked before bytes are kept. */
    public record Limits(LineReader.Policy policy, int maxSizeLineBytes, long maxChunkBytes, long maxBodyBytes,
                         int maxTrailerBytes) {
        public Limits {
            if (maxSizeLineBytes < 1 || maxChunkBytes < 0 || maxBodyBytes < 0 || maxTrailerBytes < 2) {
                throw new IllegalArgumentException("chunked limits must be positive (trailers at least 2 bytes), got "
                        + maxSizeLineBytes + ", " + maxChunkBytes + ", " + maxBodyBytes + ", " + maxTrailerBytes);
            }
        }
    }

    /** What the decoder found: a chunk's size line, a piece of its data, a trailer field line, the end. */
    public sealed interface Part {
        /** A size line; {@code size == 0} is the last chunk. {@code extension} starts at its {@code ;}, or is empty. */
        record SizeLine(long size, String sizeField, String extension) implements Part { }

        /** Chunk data: a slice of the input buffer, valid until the buffer is reused. */
        record Data(ByteBuffer bytes) implements Part { }

        /** One trailer field line (RFC 9112 §7.1.2), as Latin-1 text. */
        record Trailer(String line) implements Part { }

        /** The empty line after the trailer section: the body is complete. */
        record End() implements Part { }
    }

    /** What broke the coding or a limit. */
    public enum Fault {
        /** A size or trailer line exceeded its limit ({@link ChunkedException#limit()}). */
        LINE_TOO_LONG,
        /** The trailer section exceeded {@link Limits#maxTrailerBytes()}. */
        TRAILERS_TOO_LARGE,
        /** A line ended with a bare LF or a bare CR under {@link LineReader.Policy#STRICT_CRLF}. */
        NOT_CRLF,
        /** The chunk-size is not 1 to 15 hex digits ({@link ChunkedException#detail()}: the line). */
        SIZE_NOT_HEX,
        /** One chunk exceeds {@link Limits#maxChunkBytes()} ({@link ChunkedException#size()}). */
        CHUNK_TOO_LARGE,
        /** The data so far plus this chunk exceeds {@link Limits#maxBodyBytes()}. */
        BODY_TOO_LARGE,
        /** Chunk data not followed by CRLF ({@link ChunkedException#detail()}: the byte found, as hex). */
        DATA_NOT_FOLLOWED_BY_CRLF
    }

    /** The body broke RFC 9112 §7.1 or a limit; the decoder is then unusable until {@link #reset()}. */
    public static final class ChunkedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Fault fault;
        private final String detail;
        private final long size;
        private final long limit;

        ChunkedException(Fault fault, String detail, long size, long limit) {
            super(fault + (detail.isEmpty() ? "" : " " + detail) + " (limit " + limit + ")", null, false, false);
            this.fault = fault;
            this.detail = detail;
            this.size = size;
            this.limit = limit;
        }

        public Fault fault() {
            return fault;
        }

        /** The offending line, or the offending byte as two hex digits; empty when there is none. */
        public String detail() {
            return detail;
        }

        /** The chunk size announced, for the size faults. */
        public long size() {
            return size;
        }

        /** The limit that was exceeded. */
        public long limit() {
            return limit;
        }
    }

    private enum State { SIZE_LINE, DATA, DATA_CR, DATA_LF, TRAILERS, DONE }

    private final Limits limits;
    private final LineReader lines;
    private State state = State.SIZE_LINE;
    private long chunkRemaining;
    private long bodyBytes;
    private int trailerBytes;

    public ChunkedDecoder(Limits limits) {
        this.limits = limits;
        this.lines = new LineReader(limits.policy(), limits.maxSizeLineBytes());
    }

    /**
     * The next part {@code in} completes, or null when it ran out first (all of it consumed). The
     * bytes after the end of the body stay in {@code in}.
     */
    public Part next(ByteBuffer in) throws ChunkedException {
        while (in.hasRemaining() && state != State.DONE) {
            Part part = switch (state) {
                case SIZE_LINE -> sizeLine(in);
                case DATA -> data(in);
                case DATA_CR, DATA_LF -> dataEnd(in.get());
                case TRAILERS -> trailer(in);
                case DONE -> throw new IllegalStateException("unreachable");
            };
            if (part != null) {
                return part;
            }
        }
        return null;
    }

    /** True once the last chunk and the trailer section were read: the body is complete. */
    public boolean isDone() {
        return state == State.DONE;
    }

    /** Chunk data bytes decoded so far. */
    public long bodyBytes() {
        return bodyBytes;
    }

    /** Data bytes of the current chunk still to come (0 between chunks). */
    public long chunkRemaining() {
        return chunkRemaining;
    }

    /** Ready for another body. */
    public void reset() {
        state = State.SIZE_LINE;
        chunkRemaining = 0;
        bodyBytes = 0;
        trailerBytes = 0;
        lines.clear();
    }

    private Part sizeLine(ByteBuffer in) throws ChunkedException {
        lines.limit(limits.maxSizeLineBytes());
        LineReader.Line line = readLine(in, Fault.LINE_TOO_LONG);
        if (line == null) {
            return null;
        }
        String text = line.text();
        long size = ChunkSize.parse(text);
        if (size < 0) {
            throw new ChunkedException(Fault.SIZE_NOT_HEX, text, -1, ChunkSize.MAX_HEX_DIGITS);
        }
        if (size > limits.maxChunkBytes()) {
            throw new ChunkedException(Fault.CHUNK_TOO_LARGE, "", size, limits.maxChunkBytes());
        }
        if (bodyBytes + size > limits.maxBodyBytes()) {
            throw new ChunkedException(Fault.BODY_TOO_LARGE, "", size, limits.maxBodyBytes());
        }
        chunkRemaining = size;
        state = size == 0 ? State.TRAILERS : State.DATA;
        int semicolon = text.indexOf(';');
        return new Part.SizeLine(size, ChunkSize.field(text), semicolon < 0 ? "" : text.substring(semicolon));
    }

    private Part data(ByteBuffer in) {
        int count = (int) Math.min(in.remaining(), chunkRemaining);
        ByteBuffer piece = in.slice(in.position(), count);
        in.position(in.position() + count);
        chunkRemaining -= count;
        bodyBytes += count;
        if (chunkRemaining == 0) {
            state = State.DATA_CR;
        }
        return new Part.Data(piece);
    }

    /** §7.1: chunk-data is followed by CRLF (a bare LF where the policy accepts one). */
    private Part dataEnd(byte b) throws ChunkedException {
        boolean lenient = limits.policy() != LineReader.Policy.STRICT_CRLF;
        if (state == State.DATA_CR && b == HttpSyntax.CR) {
            state = State.DATA_LF;
        } else if (b == HttpSyntax.LF && (state == State.DATA_LF || lenient)) {
            state = State.SIZE_LINE;
        } else {
            throw new ChunkedException(Fault.DATA_NOT_FOLLOWED_BY_CRLF, String.format("%02x", b & 0xFF), -1, 2);
        }
        return null;
    }

    private Part trailer(ByteBuffer in) throws ChunkedException {
        lines.limit(Math.max(0, limits.maxTrailerBytes() - trailerBytes));
        LineReader.Line line = readLine(in, Fault.TRAILERS_TOO_LARGE);
        if (line == null) {
            return null;
        }
        trailerBytes += line.wireLength();
        if (line.isEmpty()) {
            state = State.DONE;
            return new Part.End();
        }
        return new Part.Trailer(line.text());
    }

    private LineReader.Line readLine(ByteBuffer in, Fault tooLong) throws ChunkedException {
        try {
            return lines.read(in);
        } catch (LineReader.LineException e) {
            lines.clear();
            Fault fault = e.fault() == LineReader.Fault.TOO_LONG ? tooLong : Fault.NOT_CRLF;
            throw new ChunkedException(fault, e.fault().name(), -1, e.limit());
        }
    }
}
