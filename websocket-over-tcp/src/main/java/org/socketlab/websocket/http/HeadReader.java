package org.socketlab.websocket.http;

import java.nio.ByteBuffer;

/**
 * Reads the head of an HTTP/1.1 message — start-line, header field lines, blank line
 * (RFC 9112 §2.1) — through a {@link LineReader}, so it can stop wherever the input runs out and
 * resume on the next call. Every byte read counts against a limit before it is stored.
 *
 * <p>Line endings are strict CRLF. RFC 9112 §2.2 lets a recipient accept a bare LF, but two
 * parsers that disagree on line ends are the raw material of request smuggling (RFC 9112 §11.2),
 * and everything we write uses CRLF; so a bare LF or a bare CR is a 400.
 */
final class HeadReader {

    /** Which statuses a violation maps to: a request's faults are 414/431/400, a response's all 502. */
    enum Side {
        REQUEST(HttpStatus.URI_TOO_LONG, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, HttpStatus.BAD_REQUEST),
        RESPONSE(HttpStatus.BAD_GATEWAY, HttpStatus.BAD_GATEWAY, HttpStatus.BAD_GATEWAY);

        final int startLineTooLong;
        final int headersTooLarge;
        final int malformed;

        Side(int startLineTooLong, int headersTooLarge, int malformed) {
            this.startLineTooLong = startLineTooLong;
            this.headersTooLarge = headersTooLarge;
            this.malformed = malformed;
        }
    }

    private enum State { START_LINE, HEADERS, DONE }

    private final HttpLimits limits;
    private final Side side;
    private final LineReader lines = new LineReader(LineReader.Policy.STRICT_CRLF, 0);
    private LineReader.Line line;
    private State state = State.START_LINE;
    private int startLineBytes;
    private int headerBytes;
    private String startLine;
    private HttpHeaders headers = new HttpHeaders();

    HeadReader(HttpLimits limits, Side side) {
        this.limits = limits;
        this.side = side;
    }

    /** Consumes bytes up to the end of the head; true once the blank line has been read. */
    boolean read(ByteBuffer in) throws HttpException {
        while (state != State.DONE && in.hasRemaining()) {
            // Every byte counts against the limit before it is stored; the CRLF is not part of the
            // start line's length, and leading blank lines count (see endOfLine).
            lines.limit(state == State.START_LINE
                    ? limits.maxRequestLineLength() + 2 - startLineBytes
                    : limits.maxHeaderBytes() - headerBytes);
            try {
                line = lines.read(in);
            } catch (LineReader.LineException e) {
                throw fault(e.fault());
            }
            if (line != null) {
                if (state == State.START_LINE) {
                    startLineBytes += line.wireLength();
                } else {
                    headerBytes += line.wireLength();
                }
                endOfLine();
            }
        }
        return state == State.DONE;
    }

    String startLine() {
        return startLine;
    }

    HttpHeaders headers() {
        return headers;
    }

    /** Ready for the next message on the same connection. */
    void reset() {
        state = State.START_LINE;
        startLineBytes = 0;
        headerBytes = 0;
        startLine = null;
        headers = new HttpHeaders();
        lines.clear();
        line = null;
    }

    HttpException malformed(String message) {
        return new HttpException(side.malformed, message);
    }

    private HttpException fault(LineReader.Fault fault) {
        return switch (fault) {
            case BARE_CR -> malformed("a CR must be followed by LF; found a bare CR (RFC 9112 §2.2)");
            case BARE_LF -> malformed("lines must end with CRLF; found a bare LF (RFC 9112 §2.2)");
            case TOO_LONG -> state == State.START_LINE
                    ? new HttpException(side.startLineTooLong, "the " + startLineName() + " is longer than "
                            + limits.maxRequestLineLength() + " bytes (" + (side == Side.REQUEST
                            ? "RFC 9112 §3: 414 URI Too Long" : "HttpLimits.maxRequestLineLength") + ")")
                    : new HttpException(side.headersTooLarge, "the header section is longer than "
                            + limits.maxHeaderBytes() + " bytes (" + (side == Side.REQUEST
                            ? "RFC 6585 §5: 431 Request Header Fields Too Large" : "HttpLimits.maxHeaderBytes") + ")");
        };
    }

    private void endOfLine() throws HttpException {
        if (state == State.START_LINE) {
            if (line.length() == 0) {
                // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line.
                return;
            }
            startLine = startLineText();
            state = State.HEADERS;
        } else if (line.length() == 0) {
            state = State.DONE;
        } else {
            addHeaderLine();
        }
    }

    private String startLineText() throws HttpException {
        for (int i = 0; i < line.length(); i++) {
            int b = line.at(i) & 0xFF;
            if (!HttpSyntax.isVchar(b) && b != HttpSyntax.SP) {
                throw malformed("the " + startLineName() + " may hold only visible ASCII and spaces; found "
                        + HttpSyntax.describe(b) + " at index " + i + " in " + HttpSyntax.quote(line.text())
                        + " (RFC 9112 §3)");
            }
        }
        return line.text();
    }

    private void addHeaderLine() throws HttpException {
        if (headers.size() >= limits.maxHeaderCount()) {
            throw new HttpException(side.headersTooLarge, "more than " + limits.maxHeaderCount()
                    + " header fields (" + (side == Side.REQUEST
                    ? "RFC 6585 §5: 431 Request Header Fields Too Large" : "HttpLimits.maxHeaderCount") + ")");
        }
        if (HttpSyntax.isOws(line.at(0))) {
            throw malformed(headers.isEmpty()
                    ? "no whitespace is allowed between the " + startLineName() + " and the first header field, got "
                            + HttpSyntax.quote(line.text()) + " (RFC 9112 §2.2)"
                    : "a header line may not start with whitespace: obsolete line folding (obs-fold) is refused, got "
                            + HttpSyntax.quote(line.text()) + " (RFC 9112 §5.2)");
        }
        int colon = indexOfColon();
        String name = line.text(0, colon);
        for (int i = 0; i < colon; i++) {
            int b = line.at(i) & 0xFF;
            if (HttpSyntax.isOws(b)) {
                throw malformed("no whitespace is allowed between a field name and the colon, got "
                        + HttpSyntax.quote(line.text()) + " (RFC 9112 §5.1)");
            }
            if (!HttpSyntax.isTchar(b)) {
                throw malformed("a field name must be a token; found " + HttpSyntax.describe(b) + " in "
                        + HttpSyntax.quote(name) + " (RFC 9110 §5.1)");
            }
        }
        headers.add(name, fieldValue(colon + 1, name));
    }

    private int indexOfColon() throws HttpException {
        for (int i = 0; i < line.length(); i++) {
            if (line.at(i) == ':') {
                if (i == 0) {
                    throw malformed("a header line must start with a field name, got " + HttpSyntax.quote(line.text())
                            + " (RFC 9112 §5)");
                }
                return i;
            }
        }
        throw malformed("a header line must contain a colon, got " + HttpSyntax.quote(line.text()) + " (RFC 9112 §5)");
    }

    /** The field value with optional whitespace on both sides removed (RFC 9112 §5). */
    private String fieldValue(int from, String name) throws HttpException {
        int start = from;
        int end = line.length();
        while (start < end && HttpSyntax.isOws(line.at(start))) {
            start++;
        }
        while (end > start && HttpSyntax.isOws(line.at(end - 1))) {
            end--;
        }
        for (int i = start; i < end; i++) {
            int b = line.at(i) & 0xFF;
            if (!HttpSyntax.isFieldValueChar(b)) {
                throw malformed("the value of " + name + " may hold only visible ASCII, SP and HTAB; found "
                        + HttpSyntax.describe(b) + " in " + HttpSyntax.quote(line.text(start, end)) + " (RFC 9110 §5.5)");
            }
        }
        return line.text(start, end);
    }

    private String startLineName() {
        return side == Side.REQUEST ? "request line" : "status line";
    }
}
