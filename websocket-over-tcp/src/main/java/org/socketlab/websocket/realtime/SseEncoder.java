package org.socketlab.websocket.realtime;

import java.nio.charset.StandardCharsets;

/**
 * Writes server-sent events in the {@code text/event-stream} format (WHATWG HTML §9.2.5):
 *
 * <pre>
 *   id: 42
 *   event: tick
 *   data: first line
 *   data: second line
 *   retry: 3000
 *   (blank line: dispatch)
 * </pre>
 *
 * <p>Lines end with a single LF. Data containing CR, LF or CRLF is split into one
 * {@code data:} line per line, which the parser joins again with LF. Stateless and thread-safe.
 */
public final class SseEncoder {

    private SseEncoder() {
    }

    /** The UTF-8 bytes of {@code event} followed by the blank line that dispatches it. */
    public static byte[] encode(SseEvent event) {
        return encodeToString(event).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The text of {@code event}.
     *
     * @throws IllegalArgumentException when a field cannot be represented: an id or event type
     *                                  with a line break, an id with NUL (the parser would ignore
     *                                  it, WHATWG §9.2.6), a negative retry
     */
    public static String encodeToString(SseEvent event) {
        // BEGIN SOLUTION lab=07 task="write one event: id, event, one data line per line of data, retry, then the blank line that dispatches it (WHATWG HTML §9.2.5)"
        StringBuilder text = new StringBuilder(event.data().length() + 32);
        if (event.id() != null) {
            requireSingleLine("id", event.id());
            if (event.id().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an SSE id must not contain NUL: the parser ignores such an id "
                        + "(WHATWG HTML §9.2.6); got " + quote(event.id()));
            }
            field(text, "id", event.id());
        }
        if (event.event() != null) {
            requireSingleLine("event", event.event());
            field(text, "event", event.event());
        }
        for (String line : event.data().split("\r\n|\r|\n", -1)) {
            field(text, "data", line);
        }
        if (event.retryMillis() != null) {
            if (event.retryMillis() < 0) {
                throw new IllegalArgumentException("SSE retry must be a non-negative number of milliseconds "
                        + "(only ASCII digits are accepted, WHATWG HTML §9.2.6); got " + event.retryMillis());
            }
            field(text, "retry", Long.toString(event.retryMillis()));
        }
        return text.append('\n').toString();
        // END SOLUTION
    }

    /**
     * A comment line (WHATWG §9.2.6: a line starting with a colon is ignored). Servers send one
     * as a heartbeat: it keeps proxies from timing the connection out and makes a vanished
     * client show up as a failed write.
     */
    public static byte[] comment(String text) {
        requireSingleLine("comment", text);
        return (":" + (text.isEmpty() ? "" : " " + text) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A lone {@code retry:} field: sets the client's reconnection time without dispatching an event. */
    public static byte[] retry(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("SSE retry must be non-negative, got " + millis);
        }
        return ("retry: " + millis + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append(name).append(':');
        // A value starting with a space would lose that space to the parser's stripping rule;
        // writing one space first keeps it (WHATWG §9.2.6).
        if (!value.isEmpty()) {
            text.append(' ');
        }
        text.append(value).append('\n');
    }

    private static void requireSingleLine(String field, String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an SSE " + field + " must be a single line (CR and LF end a field, "
                    + "WHATWG HTML §9.2.5); got " + quote(value));
        }
    }

    private static String quote(String value) {
        return '"' + value.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + '"';
    }
}
