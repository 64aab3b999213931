package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a {@code text/event-stream} body (HTML Living Standard §9.2.5, "Server-sent events"):
 * lines of {@code field: value}; a blank line dispatches the event built so far; a line that
 * starts with a colon is a comment (often a keep-alive). Reports each event in one line.
 * Lines end with LF (CRLF too); a bare CR as line end is not recognised. Not thread-safe.
 */
final class SseEventReader implements BodySink {

    private static final int MAX_LINE = 64 * 1024;

    private final LineReader lines = new LineReader(MAX_LINE, StandardCharsets.UTF_8);
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String id;
    private boolean fieldsSeen;
    private int events;

    @Override
    public void accept(ByteBuffer bytes, List<String> out) {
        LineReader.Line line;
        while ((line = lines.read(bytes)) != null) {
            line(line.text(), out);
        }
    }

    @Override
    public void end(List<String> out) {
        if (fieldsSeen) {
            out.add("SSE: the stream ended inside an event; it is not dispatched (§9.2.6)");
        }
        out.add("SSE stream ended after " + events + " event(s)");
    }

    private void line(String text, List<String> out) {
        if (text.isEmpty()) {
            dispatch(out);
        } else if (text.startsWith(":")) {
            out.add("SSE comment " + quote(text.substring(1).strip()));
        } else {
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            field(field, value.startsWith(" ") ? value.substring(1) : value, out);
        }
    }

    private void field(String field, String value, List<String> out) {
        fieldsSeen = true;
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> id = value;
            case "retry" -> out.add("SSE retry: reconnect after " + value + " ms"
                    + (value.matches("\\d+") ? "" : " (! not digits: ignored by the browser)"));
            default -> out.add("SSE unknown field " + quote(field) + " ignored");
        }
    }

    /** §9.2.6: an event is dispatched at a blank line; data is the data lines joined by LF. */
    private void dispatch(List<String> out) {
        if (!fieldsSeen) {
            return;
        }
        if (data.isEmpty()) {
            out.add("SSE event without data: not dispatched" + (id == null ? "" : " (sets last event id " + quote(id) + ")"));
        } else {
            data.setLength(data.length() - 1);
            events++;
            out.add("SSE event " + quote(eventType.isEmpty() ? "message" : eventType)
                    + (id == null ? "" : " id " + quote(id)) + " data " + quote(data.toString()));
        }
        data.setLength(0);
        eventType = "";
        id = null;
        fieldsSeen = false;
    }

    private static String quote(String text) {
        return Preview.text(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    }
}
