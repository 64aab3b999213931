package org.socketlab.websocket.realtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.server.HttpExchange;

/**
 * The five techniques, one method each, for one request on one connection. Polling and long
 * polling answer with a Content-Length JSON array and keep the connection; streaming and SSE
 * hold it (their body ends when the server stops), WebSocket takes it over.
 */
final class Routes {

    /** How often a waiting long poll or stream looks at the server's stopping flag. */
    static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final RealtimeService server;
    private final HttpExchange exchange;
    private final HttpRequest request;
    private final TrafficStats stats;

    Routes(RealtimeService server, HttpExchange exchange, TrafficStats stats) {
        this.server = server;
        this.exchange = exchange;
        this.request = exchange.request();
        this.stats = stats;
    }

    /** GET /poll?since=ID: whatever is newer than ID, at once — often nothing. */
    void poll() throws IOException {
        stats.request();
        long since;
        try {
            since = longParameter(request, "since", server.ticker().lastId());
        } catch (IllegalArgumentException bad) {
            badRequest();
            return;
        }
        answer(server.ticker().since(since).events());
    }

    /**
     * GET /long-poll?since=ID[&timeout=ms]: like a poll, but when nothing is newer the request is
     * held until an event arrives or the timeout passes (then answered with {@code []}); the
     * client asks again at once either way. A client that closes while it waits is noticed
     * within {@link #STOP_CHECK_NANOS}.
     */
    void longPoll() throws IOException {
        stats.request();
        long since;
        long timeoutMillis;
        try {
            since = longParameter(request, "since", server.ticker().lastId());
            timeoutMillis = Math.min(longParameter(request, "timeout", Long.MAX_VALUE),
                    server.config().longPollTimeout().toMillis());
        } catch (IllegalArgumentException bad) {
            badRequest();
            return;
        }
        LinkedBlockingQueue<Tick> arrivals = new LinkedBlockingQueue<>();
        List<Tick> events;
        try (Ticker.Subscription subscription = server.ticker().subscribe(since, arrivals::offer)) {
            events = new ArrayList<>(subscription.backlog().events());
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (events.isEmpty() && !server.isStopping()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                Tick first = arrivals.poll(Math.min(remaining, STOP_CHECK_NANOS), TimeUnit.NANOSECONDS);
                // BEGIN SOLUTION lab=07 task="long poll: when a wait ends, take the event and any queued behind it; stop at once if the client has closed"
                if (first != null) {
                    events.add(first);
                    arrivals.drainTo(events);
                } else if (exchange.clientClosed()) {
                    exchange.dropConnection(); // nobody to answer: free the subscription now, not at the timeout
                    return;
                }
                // END SOLUTION
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while holding a long poll");
        }
        answer(events);
    }

    /** GET /stream: one chunked response, one NDJSON line per event, flushed at once. */
    void stream() throws IOException {
        new EventStreamRoute(server, exchange, stats, EventStreamFormat.ndjson()).serve();
    }

    /** GET /sse: text/event-stream with id, event, data, retry, heartbeats and resumption. */
    void sse() throws IOException {
        new EventStreamRoute(server, exchange, stats,
                EventStreamFormat.sse(server.config().sseRetry(), server.config().symbols())).serve();
    }

    /** GET /ws with Upgrade: websocket — through the front door's single upgrade path. */
    void webSocket() throws IOException {
        stats.request();
        new WebSocketRoute(server, exchange, stats).serve();
    }

    private void answer(List<Tick> events) throws IOException {
        long payload = 0;
        for (Tick tick : events) {
            payload += tick.toJson().length();
        }
        stats.delivered(events.size(), payload);
        if (events.isEmpty()) {
            stats.emptyResponse();
        }
        exchange.respond(Envelopes.pollResponse(events, server.config().keepAlive()));
    }

    /** A fixed message: the offending value stays in no response (issue 17 item 8). */
    private void badRequest() throws IOException {
        HttpResponse refused = HttpResponse.text(400, "400 Bad Request: since and timeout must be non-negative "
                + "decimal numbers\n");
        refused.headers().set("Connection", "close");
        exchange.respond(refused);
    }

    /** A non-negative decimal query parameter, or {@code absent} when it is missing. */
    static long longParameter(HttpRequest request, String name, long absent) {
        List<String> values = request.queryParameters().get(name);
        if (values == null || values.isEmpty()) {
            return absent;
        }
        String value = values.get(0);
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("query parameter " + name + " must be a non-negative decimal number, "
                    + "got \"" + value + "\"");
        }
        return Long.parseLong(value);
    }
}
