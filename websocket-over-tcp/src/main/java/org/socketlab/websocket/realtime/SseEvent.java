package org.socketlab.websocket.realtime;

import java.util.Objects;

/**
 * One server-sent event (WHATWG HTML §9.2 "Server-sent events").
 *
 * <p>When encoding, {@code null} means "leave the field out": no {@code id:} line keeps the
 * client's last event ID, no {@code event:} line gives the default type {@code message}, no
 * {@code retry:} line keeps the client's reconnection time. When parsing, {@link SseParser}
 * fills {@code id} with the stream's last event ID at dispatch time (possibly empty),
 * {@code event} with the type ({@code "message"} by default) and leaves {@code retryMillis} null
 * (the reconnection time belongs to the stream: {@link SseParser#retryMillis()}).
 *
 * @param id          the event's id, or null
 * @param event       the event type, or null
 * @param data        the data; may contain line breaks (one {@code data:} line each)
 * @param retryMillis reconnection time in milliseconds to announce, or null
 */
public record SseEvent(String id, String event, String data, Long retryMillis) {

    /** The type an event gets when it has no {@code event:} field. */
    public static final String DEFAULT_TYPE = "message";

    public SseEvent {
        Objects.requireNonNull(data, "data");
    }

    /** A plain {@code message} event carrying {@code data}. */
    public static SseEvent data(String data) {
        return new SseEvent(null, null, data, null);
    }

    public SseEvent withId(String newId) {
        return new SseEvent(newId, event, data, retryMillis);
    }

    public SseEvent withEvent(String newEvent) {
        return new SseEvent(id, newEvent, data, retryMillis);
    }

    public SseEvent withRetry(long millis) {
        return new SseEvent(id, event, data, millis);
    }

    /** The type a browser dispatches this event as. */
    public String type() {
        return event == null || event.isEmpty() ? DEFAULT_TYPE : event;
    }
}
