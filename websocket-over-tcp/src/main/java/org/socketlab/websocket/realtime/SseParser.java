package org.socketlab.websocket.realtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A resumable {@code text/event-stream} parser following the WHATWG HTML "server-sent events"
 * interpretation rules (§9.2.6). Feed it bytes in pieces of any size; it returns the events
 * the bytes completed.
 *
 * <ul>
 *   <li>Lines end with CRLF, a lone LF or a lone CR — a CR at the end of one piece and an LF at
 *       the start of the next are one line end.</li>
 *   <li>One leading U+FEFF BOM is dropped.</li>
 *   <li>A line starting with {@code :} is a comment ({@link #commentCount()}).</li>
 *   <li>{@code name:value} — one space after the colon is removed; a line without a colon is a
 *       field with an empty value. Unknown field names are ignored.</li>
 *   <li>{@code data} appends the value and an LF; at dispatch the last LF is removed. An event
 *       with no data is not dispatched.</li>
 *   <li>{@code id} sets the last event ID unless the value contains NUL; {@code retry} sets the
 *       reconnection time only when the value is ASCII digits.</li>
 *   <li>A blank line dispatches; bytes after the last blank line at end of stream are dropped.</li>
 * </ul>
 *
 * <p>One parser, two policies. {@link Policy#STRICT} (the course's clients): a line longer than
 * {@code maxLineBytes} or an event longer than {@code maxEventBytes} is the server's fault,
 * {@link SseFormatException}. {@link Policy#LENIENT} (the {@code inspect} dissector): the rest
 * of such a line, or the data line that would overflow the event, is dropped and reported to
 * the {@link Observer}, and parsing goes on. The observer also sees each comment, each field and
 * each blank line as it is interpreted, in stream order, so a tool can report what the parser
 * did without parsing again. Not thread-safe.
 */
public final class SseParser {

    /** What a line or an event over its limit means. */
    public enum Policy { STRICT, LENIENT }

    /** Sees what the parser interprets, in stream order; every method is optional. */
    public interface Observer {
        /** A comment line; {@code text} follows the colon. */
        default void comment(String text) {
        }

        /** A field line, before it is applied (unknown names and an id with NUL included). */
        default void field(String name, String value) {
        }

        /** A blank line dispatched {@code event}. */
        default void dispatched(SseEvent event) {
        }

        /** A blank line ended an event without data: nothing dispatched (§9.2.6). */
        default void notDispatched() {
        }

        /** Under {@link Policy#LENIENT}: a limit was exceeded and what is said was dropped. */
        default void cut(String what) {
        }
    }

    private static final Observer NO_OBSERVER = new Observer() { };

    /** Default limits: 64 KiB a line, 1 MiB an event. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final int maxLineBytes;
    private final int maxEventBytes;
    private final Policy policy;
    private final Observer observer;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventIdBuffer = "";
    private String lastEventId = "";
    private Long retryMillis;
    private boolean afterCr;
    private int bomBytesSeen;
    private boolean bomChecked;
    private long commentCount;
    private boolean lineCut;

    public SseParser(int maxLineBytes, int maxEventBytes) {
        this(maxLineBytes, maxEventBytes, Policy.STRICT, NO_OBSERVER);
    }

    public SseParser(int maxLineBytes, int maxEventBytes, Policy policy, Observer observer) {
        if (maxLineBytes < 1 || maxEventBytes < 1) {
            throw new IllegalArgumentException("SSE limits must be positive, got line " + maxLineBytes
                    + " and event " + maxEventBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.maxEventBytes = maxEventBytes;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    public SseParser() {
        this(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_EVENT_BYTES);
    }

    /** Consumes every remaining byte of {@code in} and returns the events they completed. */
    public List<SseEvent> feed(ByteBuffer in) throws SseFormatException {
        List<SseEvent> events = new ArrayList<>();
        while (in.hasRemaining()) {
            byte b = in.get();
            if (!bomChecked && skipBom(b)) {
                continue;
            }
            if (b == '\n' && afterCr) {
                afterCr = false; // the LF of a CRLF: the line already ended at the CR
                continue;
            }
            afterCr = b == '\r';
            if (b == '\r' || b == '\n') {
                SseEvent event = lineEnded();
                if (event != null) {
                    events.add(event);
                }
            } else if (line.size() < maxLineBytes) {
                line.write(b);
            } else {
                lineTooLong();
            }
        }
        return events;
    }

    /** {@link #feed(ByteBuffer)} for a byte array. */
    public List<SseEvent> feed(byte[] bytes) throws SseFormatException {
        return feed(ByteBuffer.wrap(bytes));
    }

    /** WHATWG §9.2.5: one U+FEFF at the very start of the stream is ignored. */
    private boolean skipBom(byte b) {
        if (b == BOM[bomBytesSeen]) {
            bomBytesSeen++;
            if (bomBytesSeen == BOM.length) {
                bomChecked = true;
            }
            return true;
        }
        bomChecked = true;
        // A partial match was not a BOM after all: those bytes were line content.
        line.write(BOM, 0, bomBytesSeen);
        return false;
    }

    private void lineTooLong() throws SseFormatException {
        String rule = "an event-stream line is longer than " + maxLineBytes + " bytes (the parser's line limit)";
        if (policy == Policy.STRICT) {
            throw new SseFormatException(rule);
        }
        if (!lineCut) {
            lineCut = true;
            observer.cut(rule + "; the rest of the line is dropped");
        }
    }

    private SseEvent lineEnded() throws SseFormatException {
        lineCut = false;
        return endOfLine();
    }

    private SseEvent endOfLine() throws SseFormatException {
        // BEGIN SOLUTION lab=07 task="interpret one line: blank dispatches, ':' is a comment, else name:value with one leading space stripped (WHATWG HTML §9.2.6)"
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.isEmpty()) {
            return dispatch();
        }
        if (text.charAt(0) == ':') {
            comment(text.substring(1));
            return null;
        }
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        field(name, value);
        return null;
        // END SOLUTION
    }

    private void comment(String text) {
        commentCount++;
        observer.comment(text);
    }

    /** Shows the field to the observer, keeps the event within its limit, then applies the field. */
    private void field(String name, String value) throws SseFormatException {
        observer.field(name, value);
        if (name.equals("data") && data.length() + value.length() + 1 > maxEventBytes) {
            String rule = "an event's data is longer than " + maxEventBytes + " characters (the parser's event limit)";
            if (policy == Policy.STRICT) {
                throw new SseFormatException(rule);
            }
            observer.cut(rule + "; the data line is dropped");
            return;
        }
        processField(name, value);
    }

    private void processField(String name, String value) {
        // BEGIN SOLUTION lab=07 task="apply one field: event, data (append value and LF), id (unless it has NUL), retry (digits only) (WHATWG HTML §9.2.6)"
        switch (name) {
            case "event" -> eventType = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventIdBuffer = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9') && value.length() <= 18) {
                    retryMillis = Long.parseLong(value);
                }
            }
            default -> {
                // WHATWG §9.2.6: any other field is ignored.
            }
        }
        // END SOLUTION
    }

    /** WHATWG §9.2.6 "dispatch the event". */
    private SseEvent dispatch() {
        lastEventId = lastEventIdBuffer;
        if (data.isEmpty()) {
            eventType = "";
            observer.notDispatched();
            return null;
        }
        String payload = data.substring(0, data.length() - 1);
        String type = eventType.isEmpty() ? SseEvent.DEFAULT_TYPE : eventType;
        data.setLength(0);
        eventType = "";
        SseEvent event = new SseEvent(lastEventId, type, payload, null);
        observer.dispatched(event);
        return event;
    }

    /** The last event ID the stream set (sent back as {@code Last-Event-ID} on reconnect). */
    public String lastEventId() {
        return lastEventId;
    }

    /** The reconnection time the server announced with {@code retry:}, or null. */
    public Long retryMillis() {
        return retryMillis;
    }

    /** Comment lines seen (servers send them as heartbeats). */
    public long commentCount() {
        return commentCount;
    }
}
