package org.socketlab.websocket.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How an open-ended response spells events: NDJSON lines for plain HTTP streaming, the
 * {@code text/event-stream} format for SSE. Stateless and thread-safe.
 */
interface EventStreamFormat {

    /** An event's bytes and how many of them are the tick's JSON (the rest is framing). */
    record Encoded(byte[] bytes, int payloadBytes) {
    }

    String contentType();

    /** Written once after the head: for SSE the reconnection time, a greeting and any gap notice. */
    byte[] preamble(EventHistory.Resume<Tick> backlog);

    Encoded encode(Tick tick);

    /** Written when the stream was idle for a heartbeat interval. */
    byte[] heartbeat();

    /** One JSON object per line (newline-delimited JSON); a blank line is the heartbeat. */
    static EventStreamFormat ndjson() {
        return new EventStreamFormat() {
            @Override
            public String contentType() {
                return "application/x-ndjson";
            }

            @Override
            public byte[] preamble(EventHistory.Resume<Tick> backlog) {
                return new byte[0];
            }

            @Override
            public Encoded encode(Tick tick) {
                byte[] json = tick.toJsonBytes();
                byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
                line[json.length] = '\n';
                return new Encoded(line, json.length);
            }

            @Override
            public byte[] heartbeat() {
                return new byte[] {'\n'};
            }
        };
    }

    /**
     * Server-sent events: {@code retry:} first, then a multi-line {@code hello} event, then one
     * {@code tick} event per tick with its id (so the browser resumes with Last-Event-ID).
     */
    static EventStreamFormat sse(Duration retry, java.util.List<String> symbols) {
        return new EventStreamFormat() {
            @Override
            public String contentType() {
                return "text/event-stream; charset=utf-8";
            }

            @Override
            public byte[] preamble(EventHistory.Resume<Tick> backlog) {
                StringBuilder text = new StringBuilder();
                text.append(new String(SseEncoder.retry(retry.toMillis()), StandardCharsets.UTF_8));
                if (backlog.gap()) {
                    text.append(new String(SseEncoder.comment(backlog.missed() + " events were lost: "
                            + "they fell out of the server's history"), StandardCharsets.UTF_8));
                }
                text.append(SseEncoder.encodeToString(new SseEvent(null, "hello",
                        "welcome to the socketlab ticker\nsymbols: " + String.join(" ", symbols), null)));
                return text.toString().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public Encoded encode(Tick tick) {
                String json = tick.toJson();
                byte[] bytes = SseEncoder.encode(new SseEvent(Long.toString(tick.id()), "tick", json, null));
                return new Encoded(bytes, json.length());
            }

            @Override
            public byte[] heartbeat() {
                return SseEncoder.comment("heartbeat");
            }
        };
    }
}
