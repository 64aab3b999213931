package org.socketlab.websocket.realtime.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Consumer;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.realtime.ChunkedDecoder;
import org.socketlab.websocket.realtime.SseEvent;
import org.socketlab.websocket.realtime.SseFormatException;
import org.socketlab.websocket.realtime.SseParser;
import org.socketlab.websocket.realtime.Technique;
import org.socketlab.websocket.realtime.Tick;

/**
 * What a browser's EventSource does, by hand: {@code GET /sse} with
 * {@code Accept: text/event-stream}, parse the stream with {@link SseParser}, and when the
 * connection drops wait the server's {@code retry:} time and reconnect with
 * {@code Last-Event-ID} so nothing is missed (WHATWG HTML §9.2.3).
 */
public final class SseClient extends TickerClient {

    private volatile String lastEventId = "";
    private volatile Duration retry = Duration.ofSeconds(3);
    private volatile long heartbeats;

    SseClient(TickerClientOptions options, ClientStats stats, Consumer<Tick> listener) {
        super(options, stats, listener);
    }

    @Override
    public Technique technique() {
        return Technique.SSE;
    }

    @Override
    public TickerClient resumeAfter(long id) {
        lastEventId = Long.toString(id);
        return super.resumeAfter(id);
    }

    @Override
    protected void runSession() throws IOException, InterruptedException {
        try (RawHttpConnection connection = connect()) {
            String resume = lastEventId.isEmpty() ? "" : "Last-Event-ID: " + lastEventId + "\r\n";
            connection.send(RequestHeaders.get(options, "/sse", "Accept: text/event-stream\r\n" + resume));
            stats.request();
            HttpResponse head = connection.readResponse();
            if (head == null || head.status() != 200) {
                throw new IOException("event stream refused: " + (head == null ? "connection closed" : head.status()));
            }
            readEvents(connection, head.headers().containsToken("Transfer-Encoding", "chunked"));
        }
        // WHATWG §9.2.3: the stream ended; reconnect after the reconnection time.
        pause(retry);
    }

    private void readEvents(RawHttpConnection connection, boolean chunked) throws IOException {
        ChunkedDecoder chunks = new ChunkedDecoder();
        SseParser parser = new SseParser();
        ByteBuffer body;
        try {
            while ((body = connection.readBody()) != null) {
                byte[] data = chunked ? StreamingClient.decode(chunks, body) : StreamingClient.bytes(body);
                for (SseEvent event : parser.feed(data)) {
                    lastEventId = parser.lastEventId();
                    if (event.type().equals("tick")) {
                        deliver(Tick.fromJson(event.data()), event.data().length());
                    }
                }
                heartbeats = parser.commentCount();
                if (parser.retryMillis() != null) {
                    retry = Duration.ofMillis(parser.retryMillis());
                }
                if (chunked && chunks.isDone()) {
                    return;
                }
            }
        } catch (SseFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The id a reconnect sends as Last-Event-ID. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The reconnection time the server announced. */
    public Duration retry() {
        return retry;
    }

    /** Heartbeat comments seen on the current connection. */
    public long heartbeats() {
        return heartbeats;
    }
}
