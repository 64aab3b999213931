package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.socketlab.websocket.http.LineReader;

/**
 * One direction of an HTTP/1.x connection, message after message: start line, header fields,
 * then the body as its {@link BodyPlan} says. It stops after each head
 * ({@link Step#HEAD_COMPLETE}) so its owner can decide the body plan — or switch the stream
 * to WebSocket frames when the head was an upgrade.
 *
 * <p>Lenient on purpose: it reports what it sees. Lines that are not an HTTP start line are
 * skipped until one is (the dissector resynchronises at the next request or status line), and
 * the number of skipped bytes is reported. Not thread-safe.
 */
final class HttpStreamDissector {

    enum Step { NEED_MORE, HEAD_COMPLETE, MESSAGE_COMPLETE }

    private enum State { START_LINE, HEADERS, AWAITING_PLAN, BODY }

    private static final int MAX_LINE = 8192;

    private final LineReader lines = new LineReader(LineReader.Policy.LENIENT_LF, MAX_LINE);
    private State state = State.START_LINE;
    private HttpHead head;
    private long skipped;
    private BodyPlan plan;
    private BodySink sink;
    private ChunkedBodyReader chunked;
    private long bodyRead;

    /** Consumes bytes until {@code in} is empty, a head is complete, or a message is complete. */
    Step feed(ByteBuffer in, List<String> out) {
        while (in.hasRemaining()) {
            switch (state) {
                case START_LINE -> startLine(nextLine(in), out);
                case HEADERS -> {
                    if (headerLine(nextLine(in), out)) {
                        state = State.AWAITING_PLAN;
                        return Step.HEAD_COMPLETE;
                    }
                }
                case AWAITING_PLAN -> throw new IllegalStateException("call startBody() after HEAD_COMPLETE");
                case BODY -> {
                    if (body(in, out)) {
                        return Step.MESSAGE_COMPLETE;
                    }
                }
                default -> throw new IllegalStateException("unreachable: " + state);
            }
        }
        reportProgress(out);
        return Step.NEED_MORE;
    }

    /** The head just completed. */
    HttpHead head() {
        return head;
    }

    /**
     * Continues after {@link Step#HEAD_COMPLETE} with the body delimited by {@code plan}.
     *
     * @return true when there is no body, i.e. the message is already complete
     */
    boolean startBody(BodyPlan plan, List<String> out) {
        this.plan = plan;
        this.bodyRead = 0;
        this.sink = plan.events() ? new SseEventReader() : BodySink.preview();
        this.chunked = plan.kind() == BodyPlan.Kind.CHUNKED ? new ChunkedBodyReader() : null;
        switch (plan.kind()) {
            case NONE -> {
                state = State.START_LINE;
                return true;
            }
            case LENGTH -> out.add("body: Content-Length " + plan.length() + (plan.events() ? ", server-sent events" : ""));
            case CHUNKED -> out.add("body: chunked (Transfer-Encoding)" + (plan.events() ? ", server-sent events" : ""));
            case UNTIL_CLOSE -> out.add("body: no length given, it lasts until the server closes (RFC 9112 §6.3)"
                    + (plan.events() ? "; server-sent events" : ""));
            default -> throw new IllegalStateException("unreachable: " + plan.kind());
        }
        state = State.BODY;
        return false;
    }

    /** The stream ended: a body delimited by the close is complete now; anything else was cut short. */
    void endOfStream(List<String> out) {
        if (state == State.BODY && plan.kind() == BodyPlan.Kind.UNTIL_CLOSE) {
            sink.end(out);
        } else if (state == State.BODY) {
            out.add("! the stream ended inside a body: " + bodyProgress());
        } else if (state == State.HEADERS || lines.pending() > 0) {
            out.add("! the stream ended inside an HTTP head (" + lines.pending() + " bytes of an unfinished line)");
        }
        if (skipped > 0) {
            out.add("skipped " + skipped + " bytes that were not HTTP");
        }
        state = State.START_LINE;
    }

    private void startLine(LineReader.Line line, List<String> out) {
        if (line == null) {
            return;
        }
        if (line.isEmpty()) {
            return;                                  // RFC 9112 §2.2: empty lines before a start line are ignored
        }
        if (!line.truncated() && HttpHead.looksLikeStartLine(line.text())) {
            if (skipped > 0) {
                out.add("resynchronised at an HTTP start line after skipping " + skipped + " bytes");
                skipped = 0;
            }
            head = new HttpHead(line.text());
            out.add((head.isResponse() ? "HTTP response: " : "HTTP request: ") + line.text() + lineEndNote(line));
            state = State.HEADERS;
            return;
        }
        if (skipped == 0) {
            out.add("! not an HTTP request or status line: " + quote(line.text())
                    + (line.truncated() ? " (cut, longer than " + MAX_LINE + " bytes)" : "")
                    + "; skipping to the next line that looks like one");
        }
        skipped += line.wireLength();
    }

    /** True at the blank line that ends the head. */
    private boolean headerLine(LineReader.Line line, List<String> out) {
        if (line == null) {
            return false;
        }
        if (line.isEmpty()) {
            return true;
        }
        String text = line.text();
        int colon = text.indexOf(':');
        if (line.truncated()) {
            out.add("! header line longer than " + MAX_LINE + " bytes (a server answers 431, RFC 6585 §5): " + quote(text));
        } else if (text.startsWith(" ") || text.startsWith("\t")) {
            out.add("! obsolete line folding (RFC 9112 §5.2): " + quote(text));
        } else if (colon <= 0) {
            out.add("! header line without a field name and colon (RFC 9112 §5): " + quote(text));
        } else {
            head.add(text.substring(0, colon), text.substring(colon + 1).strip());
            out.add("  " + text + lineEndNote(line));
        }
        return false;
    }

    private boolean body(ByteBuffer in, List<String> out) {
        boolean done;
        int before = in.position();
        if (plan.kind() == BodyPlan.Kind.CHUNKED) {
            done = chunked.feed(in, sink, out);
        } else {
            long wanted = plan.kind() == BodyPlan.Kind.LENGTH ? plan.length() - bodyRead : Long.MAX_VALUE;
            int count = (int) Math.min(in.remaining(), wanted);
            sink.accept(in.slice(in.position(), count), out);
            in.position(in.position() + count);
            done = plan.kind() == BodyPlan.Kind.LENGTH && bodyRead + count == plan.length();
        }
        bodyRead += in.position() - before;
        if (done) {
            sink.end(out);
            state = State.START_LINE;
        }
        return done;
    }

    private void reportProgress(List<String> out) {
        if (state == State.BODY && bodyRead > 0) {
            out.add("… body continues: " + bodyProgress());
        } else if (lines.pending() > 0 && state != State.BODY) {
            out.add("… " + lines.pending() + " bytes of an unfinished line held until more arrive");
        }
    }

    private String bodyProgress() {
        return switch (plan.kind()) {
            case CHUNKED -> chunked.progress();
            case LENGTH -> bodyRead + " of " + plan.length() + " bytes";
            default -> bodyRead + " bytes so far";
        };
    }

    /** A lenient reader cuts over-long lines instead of failing, so it has no fault to report. */
    private LineReader.Line nextLine(ByteBuffer in) {
        try {
            return lines.read(in);
        } catch (LineReader.LineException e) {
            throw new IllegalStateException("a LENIENT_LF line reader never fails", e);
        }
    }

    private static String lineEndNote(LineReader.Line line) {
        return line.bareLf() ? "   (! bare LF line end; RFC 9112 §2.2 requires CRLF)" : "";
    }

    private static String quote(String text) {
        return Preview.text(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)), 0);
    }
}
