package org.socketlab.websocket.http;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The one line reader of the library: collects a line across reads (sans-I/O: feed it any
 * pieces), counting every byte against a limit before it is stored. RFC 9112 §2.2 says what a
 * line end is and leaves recipients a choice, so the caller picks a {@link Policy}:
 *
 * <ul>
 *   <li>{@link Policy#STRICT_CRLF} — only CRLF ends a line; a bare LF or a CR not followed by LF
 *       is a {@link Fault}, and so is a line over the limit. What a server applies to requests:
 *       two parsers that disagree on line ends are the raw material of request smuggling
 *       (RFC 9112 §11.2).</li>
 *   <li>{@link Policy#LENIENT_LF_LIMITED} — LF ends a line, with or without a CR before it
 *       (§2.2 allows recipients to accept a bare LF); a line over the limit is a fault. What a
 *       client applies to a server's framing.</li>
 *   <li>{@link Policy#LENIENT_LF} — as above, but a line over the limit is cut, not refused (the
 *       rest up to the LF is counted and dropped), so a dissector never fails and never holds
 *       more than the limit.</li>
 * </ul>
 *
 * <p>The limit counts the line's bytes on the wire, its line end included, and may be changed
 * between lines ({@link #limit(int)}) for callers whose budget spans several lines (a header
 * section). The reader reports faults as values; each caller turns them into its own error.
 * Not thread-safe.
 */
public final class LineReader {

    /** How line ends and over-long lines are treated. */
    public enum Policy {
        STRICT_CRLF(false, false), LENIENT_LF_LIMITED(true, false), LENIENT_LF(true, true);

        private final boolean bareLfEndsLine;
        private final boolean cutsLongLines;

        Policy(boolean bareLfEndsLine, boolean cutsLongLines) {
            this.bareLfEndsLine = bareLfEndsLine;
            this.cutsLongLines = cutsLongLines;
        }
    }

    /** What broke a line under {@link Policy#STRICT_CRLF} (or the limit, unless lines are cut). */
    public enum Fault { TOO_LONG, BARE_LF, BARE_CR }

    /** A line that broke the policy; the offending byte has been consumed. */
    public static final class LineException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Fault fault;
        private final int limit;

        LineException(Fault fault, int limit) {
            super(fault + " (line limit " + limit + " bytes)", null, false, false);
            this.fault = fault;
            this.limit = limit;
        }

        public Fault fault() {
            return fault;
        }

        /** The limit in force when the fault was found. */
        public int limit() {
            return limit;
        }
    }

    /** A complete line without its line end, as bytes (text is Latin-1: one char per byte). */
    public static final class Line {
        private final byte[] bytes;
        private final int wireLength;
        private final boolean truncated;
        private final boolean bareLf;

        Line(byte[] bytes, int wireLength, boolean truncated, boolean bareLf) {
            this.bytes = bytes;
            this.wireLength = wireLength;
            this.truncated = truncated;
            this.bareLf = bareLf;
        }

        public int length() {
            return bytes.length;
        }

        public byte at(int index) {
            return bytes[index];
        }

        /** Bytes {@code [from, to)} as Latin-1 text: nothing is lost for messages. */
        public String text(int from, int to) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }

        public String text() {
            return text(0, bytes.length);
        }

        public String text(Charset charset) {
            return new String(bytes, charset);
        }

        /** Bytes the line took on the wire, its line end included. */
        public int wireLength() {
            return wireLength;
        }

        /** True when the line was longer than the limit and cut ({@link Policy#LENIENT_LF}). */
        public boolean truncated() {
            return truncated;
        }

        /** True when the line ended with a bare LF rather than CRLF. */
        public boolean bareLf() {
            return bareLf;
        }

        /** An empty line that was not cut: the end of a head or of a trailer section. */
        public boolean isEmpty() {
            return bytes.length == 0 && !truncated;
        }
    }

    private final Policy policy;
    private final LineBuffer line = new LineBuffer();
    private int limit;
    private int wireLength;
    private boolean sawCr;
    private boolean truncated;

    /** @param limit the most bytes a line may take on the wire, its line end included (at least 2) */
    public LineReader(Policy policy, int limit) {
        this.policy = policy;
        limit(limit);
    }

    /** Sets the limit for the line being read and the next ones. */
    public void limit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a line limit must not be negative, got " + limit);
        }
        this.limit = limit;
    }

    /**
     * The next line, or null when {@code in} ran out first (the part read so far is kept).
     *
     * @throws LineException when the line breaks the policy; the reader must then be {@link #clear()}ed
     */
    public Line read(ByteBuffer in) throws LineException {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (++wireLength > limit && !policy.cutsLongLines) {
                throw new LineException(Fault.TOO_LONG, limit);
            }
            if (b == HttpSyntax.LF) {
                if (!sawCr && !policy.bareLfEndsLine) {
                    throw new LineException(Fault.BARE_LF, limit);
                }
                return finish();
            }
            if (sawCr && !policy.bareLfEndsLine) {
                throw new LineException(Fault.BARE_CR, limit);
            }
            if (sawCr) {
                store(HttpSyntax.CR); // lenient: a CR not before LF is line content
            }
            sawCr = b == HttpSyntax.CR;
            if (!sawCr) {
                store(b);
            }
        }
        return null;
    }

    /** Bytes of an unfinished line read so far. */
    public int pending() {
        return wireLength;
    }

    /** Drops the unfinished line: ready for a new one. */
    public void clear() {
        line.clear();
        wireLength = 0;
        sawCr = false;
        truncated = false;
    }

    private void store(byte b) {
        if (line.length() < limit) {
            line.append(b);
        } else {
            truncated = true;
        }
    }

    private Line finish() {
        Line result = new Line(line.bytes(), wireLength, truncated, !sawCr);
        clear();
        return result;
    }
}
