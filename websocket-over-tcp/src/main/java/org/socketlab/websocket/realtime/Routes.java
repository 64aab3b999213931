package org.socketlab.websocket.realtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/**
 * The five techniques, one method each, for one request on one connection. Polling and long
 * polling answer with a Content-Length JSON array and keep the connection; streaming, SSE and
 * WebSocket take the connection over until the client leaves or the server stops.
 */
final class Routes {

    /** How often a waiting long poll or stream looks at the server's stopping flag. */
    static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final RealtimeServer server;
    private final MeteredSocket socket;
    private final TrafficStats stats;

    Routes(RealtimeServer server, MeteredSocket socket, TrafficStats stats) {
        this.server = server;
        this.socket = socket;
        this.stats = stats;
    }

    /** GET /poll?since=ID: whatever is newer than ID, at once — often nothing. */
    boolean poll(HttpRequest request, boolean keepAlive) throws IOException {
        stats.request();
        long since;
        try {
            since = longParameter(request, "since", server.ticker().lastId());
        } catch (IllegalArgumentException bad) {
            return badRequest(bad.getMessage());
        }
        return answer(server.ticker().since(since).events(), keepAlive);
    }

    /**
     * GET /long-poll?since=ID[&timeout=ms]: like a poll, but when nothing is newer the request is
     * held until an event arrives or the timeout passes (then answered with {@code []}); the
     * client asks again at once either way. A client that closes while it waits is noticed
     * within {@link #STOP_CHECK_NANOS}.
     */
    boolean longPoll(HttpRequest request, boolean keepAlive, BooleanSupplier clientClosed) throws IOException {
        stats.request();
        long since;
        long timeoutMillis;
        try {
            since = longParameter(request, "since", server.ticker().lastId());
            timeoutMillis = Math.min(longParameter(request, "timeout", Long.MAX_VALUE),
                    server.config().longPollTimeout().toMillis());
        } catch (IllegalArgumentException bad) {
            return badRequest(bad.getMessage());
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
                } else if (clientClosed.getAsBoolean()) {
                    return false; // nobody to answer: free the subscription now, not at the timeout
                }
                // END SOLUTION
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return answer(events, keepAlive);
    }

    /** GET /stream: one chunked response, one NDJSON line per event, flushed at once. */
    boolean stream(HttpRequest request) throws IOException {
        return new EventStreamRoute(server, socket, stats, EventStreamFormat.ndjson()).serve(request);
    }

    /** GET /sse: text/event-stream with id, event, data, retry, heartbeats and resumption. */
    boolean sse(HttpRequest request) throws IOException {
        return new EventStreamRoute(server, socket, stats, EventStreamFormat.sse(server.config().sseRetry(), server.config().symbols()))
                .serve(request);
    }

    /** GET /ws with Upgrade: websocket — the handshake, then RFC 6455 frames on this socket. */
    boolean webSocket(HttpRequest request, ByteBuffer leftover) throws IOException {
        stats.request();
        new WebSocketRoute(server, socket, stats).serve(request, leftover);
        return false;
    }

    private boolean answer(List<Tick> events, boolean keepAlive) throws IOException {
        long payload = 0;
        for (Tick tick : events) {
            payload += tick.toJson().length();
        }
        stats.delivered(events.size(), payload);
        if (events.isEmpty()) {
            stats.emptyResponse();
        }
        write(Envelopes.pollResponse(events, keepAlive));
        return keepAlive;
    }

    private boolean badRequest(String message) throws IOException {
        write(RealtimeConnection.closing(HttpResponse.text(400, message + "\n")));
        return false;
    }

    private void write(HttpResponse response) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(response.toBytes());
        out.flush();
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
