package org.socketlab.websocket.realtime;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.socketlab.websocket.http.ChunkedEncoder;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/**
 * One open-ended response (HTTP streaming or SSE): the head, then every event as soon as it is
 * published, each written and flushed as its own chunk (RFC 9112 §7.1), and a heartbeat when the
 * stream was quiet for a heartbeat interval. A client that vanished shows up as a failed write
 * (at the latest at the next heartbeat); a client that falls {@code maxQueuedEvents} behind is
 * dropped. Either way the subscription is closed, so the feed forgets the client.
 */
final class EventStreamRoute {

    private static final Logger LOG = System.getLogger(EventStreamRoute.class.getName());

    private final RealtimeServer server;
    private final MeteredSocket socket;
    private final TrafficStats stats;
    private final EventStreamFormat format;
    /** Which {@link RealtimeServer#disconnectStreams()} round this stream belongs to. */
    private final long generation;
    private ChunkedEncoder chunks;

    EventStreamRoute(RealtimeServer server, MeteredSocket socket, TrafficStats stats, EventStreamFormat format) {
        this.server = server;
        this.socket = socket;
        this.stats = stats;
        this.format = format;
        this.generation = server.streamGeneration();
    }

    /** Serves the stream until the client leaves or the server stops; the connection is then closed. */
    boolean serve(HttpRequest request) throws IOException {
        stats.request();
        long since = resumeFrom(request);
        ArrayBlockingQueue<Tick> queue = new ArrayBlockingQueue<>(server.config().maxQueuedEvents());
        AtomicBoolean overflowed = new AtomicBoolean();
        AtomicBoolean clientGone = new AtomicBoolean();
        try (Ticker.Subscription subscription = server.ticker().subscribe(since, tick -> {
            if (!queue.offer(tick)) {
                overflowed.set(true);
            }
        })) {
            Thread watcher = Thread.ofVirtual().name("stream-eof-watch").start(() -> watchForEof(clientGone));
            try {
                writeHead(request);
                writeChunk(format.preamble(subscription.backlog()));
                writeEvents(subscription.backlog().events());
                pump(queue, overflowed, clientGone);
            } finally {
                // Interrupting a virtual thread blocked in a socket read closes the socket: we are done with it.
                watcher.interrupt();
            }
        } catch (IOException vanished) {
            // The usual end of a stream: the client went away and the write failed.
            LOG.log(Level.DEBUG, "{0}: stream ended: {1}", socket.getRemoteSocketAddress(), vanished.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * A streaming client sends nothing after its request, so a read that returns end of stream
     * means it closed (FIN): notice it now rather than at the next failed write. A client that
     * vanished without a FIN is still caught by the heartbeat's write.
     */
    private void watchForEof(AtomicBoolean clientGone) {
        byte[] discard = new byte[512];
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (socket.getInputStream().read(discard) < 0) {
                        break;
                    }
                } catch (java.net.SocketTimeoutException idle) {
                    // SO_TIMEOUT from the keep-alive idle timer: keep watching.
                }
            }
        } catch (IOException closed) {
            // The socket was closed: the stream is over either way.
        }
        clientGone.set(true);
    }

    private void pump(ArrayBlockingQueue<Tick> queue, AtomicBoolean overflowed, AtomicBoolean clientGone)
            throws IOException, InterruptedException {
        long heartbeat = server.config().heartbeatInterval().toNanos();
        long lastWrite = System.nanoTime();
        while (!server.isStopping()) {
            if (server.streamGeneration() != generation) {
                return; // disconnectStreams(): drop the connection without a last chunk
            }
            if (clientGone.get()) {
                LOG.log(Level.DEBUG, "{0}: client closed its stream", socket.getRemoteSocketAddress());
                return;
            }
            Tick tick = queue.poll(Math.min(heartbeat, Routes.STOP_CHECK_NANOS), TimeUnit.NANOSECONDS);
            if (overflowed.get()) {
                LOG.log(Level.INFO, "{0}: fell {1} events behind; dropping the slow client",
                        socket.getRemoteSocketAddress(), server.config().maxQueuedEvents());
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
            }
        }
        if (chunks != null) {
            socket.getOutputStream().write(chunks.lastChunk().array());
            socket.getOutputStream().flush();
        }
    }

    /** Each event its own chunk, then one flush: the client sees them at once. */
    private void writeEvents(List<Tick> ticks) throws IOException {
        for (Tick tick : ticks) {
            EventStreamFormat.Encoded encoded = format.encode(tick);
            stats.delivered(1, encoded.payloadBytes());
            write(encoded.bytes());
        }
        socket.getOutputStream().flush();
    }

    private void writeChunk(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return; // an empty chunk would end the body (RFC 9112 §7.1)
        }
        write(bytes);
        socket.getOutputStream().flush();
    }

    private void write(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(chunks == null ? bytes : chunks.encodeChunk(bytes));
    }

    private void writeHead(HttpRequest request) throws IOException {
        HttpHeaders headers = HttpHeaders.of("Content-Type", format.contentType(), "Cache-Control", "no-store");
        if (request.version().equals("HTTP/1.0")) {
            // RFC 9112 §6.3: an HTTP/1.0 client cannot decode chunks; the body ends when we close.
            headers.add("Connection", "close");
        } else {
            headers.add("Transfer-Encoding", "chunked");
            chunks = new ChunkedEncoder();
        }
        socket.getOutputStream().write(new HttpResponse(200, "OK", headers, new byte[0]).headBytes());
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
