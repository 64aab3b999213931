package org.socketlab.websocket.realtime;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.server.HttpExchange;
import org.socketlab.websocket.server.ResponseStream;

/**
 * One open-ended response (HTTP streaming or SSE): the head, then every event as soon as it is
 * published, each written and flushed as its own chunk (RFC 9112 §7.1), and a heartbeat when the
 * stream was quiet for a heartbeat interval. The client is dropped when it closes (seen by a
 * probe between events), when it falls {@code maxQueuedEvents} behind, or when it stops reading:
 * every write has the front door's write timeout, so a write to a full send buffer fails instead
 * of blocking forever (issue 17 item 5). Either way the subscription is closed, so the feed
 * forgets the client.
 */
final class EventStreamRoute {

    private static final Logger LOG = System.getLogger(EventStreamRoute.class.getName());

    private final RealtimeService server;
    private final HttpExchange exchange;
    private final TrafficStats stats;
    private final EventStreamFormat format;
    /** Which {@link RealtimeService#disconnectStreams()} round this stream belongs to. */
    private final long generation;
    private ResponseStream body;

    EventStreamRoute(RealtimeService server, HttpExchange exchange, TrafficStats stats, EventStreamFormat format) {
        this.server = server;
        this.exchange = exchange;
        this.stats = stats;
        this.format = format;
        this.generation = server.streamGeneration();
    }

    /** Serves the stream until the client leaves or the server stops. */
    void serve() throws IOException {
        stats.request();
        HttpRequest request = exchange.request();
        long since = resumeFrom(request);
        ArrayBlockingQueue<Tick> queue = new ArrayBlockingQueue<>(server.config().maxQueuedEvents());
        AtomicBoolean overflowed = new AtomicBoolean();
        try (Ticker.Subscription subscription = server.ticker().subscribe(since, tick -> {
            if (!queue.offer(tick)) {
                overflowed.set(true);
            }
        })) {
            body = exchange.stream(200, HttpHeaders.of("Content-Type", format.contentType(), "Cache-Control", "no-store"));
            if (request.method().equals("HEAD")) {
                return;
            }
            writeChunk(format.preamble(subscription.backlog()));
            writeEvents(subscription.backlog().events());
            pump(queue, overflowed);
        } catch (IOException vanished) {
            // The usual end of a stream: the client went away, or stopped reading past the write timeout.
            LOG.log(Level.DEBUG, "{0}: stream ended: {1}", exchange.remoteAddress(), vanished.toString());
            exchange.dropConnection();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.dropConnection();
        }
    }

    private void pump(ArrayBlockingQueue<Tick> queue, AtomicBoolean overflowed) throws IOException, InterruptedException {
        long heartbeat = server.config().heartbeatInterval().toNanos();
        long lastWrite = System.nanoTime();
        while (!server.isStopping() && !exchange.isStopping()) {
            if (server.streamGeneration() != generation) {
                body.abort(); // disconnectStreams(): drop the connection without a last chunk
                return;
            }
            Tick tick = queue.poll(Math.min(heartbeat, Routes.STOP_CHECK_NANOS), TimeUnit.NANOSECONDS);
            if (overflowed.get()) {
                LOG.log(Level.INFO, "{0}: fell {1} events behind; dropping the slow client",
                        exchange.remoteAddress(), server.config().maxQueuedEvents());
                body.abort();
                return;
            }
            if (tick != null) {
                List<Tick> ticks = new ArrayList<>();
                ticks.add(tick);
                queue.drainTo(ticks);
                writeEvents(ticks);
                lastWrite = System.nanoTime();
            } else if (System.nanoTime() - lastWrite >= heartbeat) {
                writeChunk(format.heartbeat());
                lastWrite = System.nanoTime();
            } else if (exchange.clientClosed()) {
                // A streaming client sends nothing after its request: end of stream means it left.
                LOG.log(Level.DEBUG, "{0}: client closed its stream", exchange.remoteAddress());
                body.abort();
                return;
            }
        }
        body.finish();
    }

    /** Each event its own chunk, then one flush: the client sees them at once. */
    private void writeEvents(List<Tick> ticks) throws IOException {
        for (Tick tick : ticks) {
            EventStreamFormat.Encoded encoded = format.encode(tick);
            stats.delivered(1, encoded.payloadBytes());
            body.write(encoded.bytes());
        }
        body.flush();
    }

    private void writeChunk(byte[] bytes) throws IOException {
        body.write(bytes);
        body.flush();
    }

    /**
     * Where the stream starts: after {@code Last-Event-ID} (what a reconnecting EventSource
     * sends, WHATWG HTML §9.2.4), else after {@code ?since=} / {@code ?lastEventId=}, else now.
     */
    private long resumeFrom(HttpRequest request) {
        Optional<String> lastEventId = request.headers().first("Last-Event-ID");
        if (lastEventId.isPresent() && lastEventId.get().strip().matches("\\d{1,18}")) {
            return Long.parseLong(lastEventId.get().strip());
        }
        long now = server.ticker().lastId();
        try {
            long since = Routes.longParameter(request, "since", -1);
            return since >= 0 ? since : Routes.longParameter(request, "lastEventId", now);
        } catch (IllegalArgumentException malformed) {
            return now;
        }
    }
}
