package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.socketlab.websocket.realtime.SseEvent;
import org.socketlab.websocket.realtime.SseFormatException;
import org.socketlab.websocket.realtime.SseParser;

/**
 * Reports a {@code text/event-stream} body (HTML Living Standard §9.2, "Server-sent events")
 * one line a finding: the course's one {@link SseParser} under its lenient policy does the
 * parsing (CR, LF or CRLF line ends, a leading BOM dropped, over-long lines cut), and this
 * class, as its {@link SseParser.Observer}, says what each comment, field and blank line
 * meant. Not thread-safe.
 */
final class SseEventReader implements BodySink, SseParser.Observer {

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_EVENT = 1024 * 1024;

    private final SseParser parser = new SseParser(MAX_LINE, MAX_EVENT, SseParser.Policy.LENIENT, this);
    private List<String> out = new ArrayList<>();
    private String id;
    private boolean fieldsSeen;
    private int events;

    @Override
    public void accept(ByteBuffer bytes, List<String> out) {
        this.out = out;
        try {
            parser.feed(bytes);
        } catch (SseFormatException e) {
            throw new IllegalStateException("a LENIENT SSE parser never fails", e);
        }
    }

    @Override
    public void end(List<String> out) {
        if (fieldsSeen) {
            out.add("SSE: the stream ended inside an event; it is not dispatched (§9.2.6)");
        }
        out.add("SSE stream ended after " + events + " event(s)");
    }

    @Override
    public void comment(String text) {
        out.add("SSE comment " + quote(text.strip()));
    }

    @Override
    public void field(String name, String value) {
        fieldsSeen = true;
        switch (name) {
            case "event", "data" -> { }
            case "id" -> id = value;
            case "retry" -> out.add("SSE retry: reconnect after " + value + " ms"
                    + (value.matches("\\d+") ? "" : " (! not digits: ignored by the browser)"));
            default -> out.add("SSE unknown field " + quote(name) + " ignored");
        }
    }

    /** §9.2.6: an event is dispatched at a blank line; data is the data lines joined by LF. */
    @Override
    public void dispatched(SseEvent event) {
        events++;
        out.add("SSE event " + quote(event.type()) + (id == null ? "" : " id " + quote(id)) + " data " + quote(event.data()));
        id = null;
        fieldsSeen = false;
    }

    @Override
    public void notDispatched() {
        if (fieldsSeen) {
            out.add("SSE event without data: not dispatched" + (id == null ? "" : " (sets last event id " + quote(id) + ")"));
        }
        id = null;
        fieldsSeen = false;
    }

    @Override
    public void cut(String what) {
        out.add("! SSE: " + what);
    }

    private static String quote(String text) {
        return Preview.text(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
    }
}
