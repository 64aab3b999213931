package org.socketlab.websocket.realtime.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.realtime.ChunkedDecoder;
import org.socketlab.websocket.realtime.ChunkedFormatException;
import org.socketlab.websocket.realtime.Technique;
import org.socketlab.websocket.realtime.Tick;

/**
 * HTTP streaming: one {@code GET /stream}, then a chunked body that never ends; each line is a
 * tick, a blank line a heartbeat. Nothing flows from the client after the request: streaming is
 * one-way.
 */
public final class StreamingClient extends TickerClient {

    StreamingClient(TickerClientOptions options, ClientStats stats, Consumer<Tick> listener) {
        super(options, stats, listener);
    }

    @Override
    public Technique technique() {
        return Technique.STREAMING;
    }

    @Override
    protected void runSession() throws IOException {
        try (RawHttpConnection connection = connect()) {
            connection.send(RequestHeaders.get(options, "/stream?since=" + lastId, ""));
            stats.request();
            HttpResponse head = connection.readResponse();
            if (head == null || head.status() != 200) {
                throw new IOException("stream refused: " + (head == null ? "connection closed" : head.status()));
            }
            boolean chunked = head.headers().containsToken("Transfer-Encoding", "chunked");
            ChunkedDecoder chunks = new ChunkedDecoder();
            StringBuilder line = new StringBuilder();
            ByteBuffer body;
            while ((body = connection.readBody()) != null) {
                byte[] data = chunked ? decode(chunks, body) : bytes(body);
                for (char c : new String(data, StandardCharsets.UTF_8).toCharArray()) {
                    if (c != '\n') {
                        line.append(c);
                    } else if (!line.isEmpty()) {
                        Tick tick = Tick.fromJson(line.toString());
                        deliver(tick, line.length());
                        line.setLength(0);
                    }
                }
                if (chunked && chunks.isDone()) {
                    return;
                }
            }
        }
    }

    static byte[] decode(ChunkedDecoder chunks, ByteBuffer body) throws IOException {
        try {
            return chunks.decode(body);
        } catch (ChunkedFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    static byte[] bytes(ByteBuffer body) {
        byte[] data = new byte[body.remaining()];
        body.get(data);
        return data;
    }
}
