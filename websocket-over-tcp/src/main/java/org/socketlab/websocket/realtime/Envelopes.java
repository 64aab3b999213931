package org.socketlab.websocket.realtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameEncoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.http.ChunkedEncoder;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpResponse;

/**
 * The exact bytes the server wraps around events, per technique — the same code the routes
 * write with, so lab 07 can show one tick in each envelope. Stateless and thread-safe.
 */
public final class Envelopes {

    private Envelopes() {
    }

    /** A poll or long-poll answer: status line, header fields, blank line, JSON array. */
    public static HttpResponse pollResponse(List<Tick> ticks, boolean keepAlive) {
        byte[] body = Tick.toJsonArray(ticks).getBytes(StandardCharsets.US_ASCII);
        HttpResponse response = HttpResponse.withBody(200, HttpHeaders.of("Cache-Control", "no-store"),
                "application/json", body);
        response.headers().set("Connection", keepAlive ? "keep-alive" : "close");
        return response;
    }

    /** One event of {@code GET /stream}: an NDJSON line in a chunk (RFC 9112 §7.1). */
    public static byte[] streamChunk(Tick tick) {
        return new ChunkedEncoder().encodeChunk(EventStreamFormat.ndjson().encode(tick).bytes());
    }

    /** One event of {@code GET /sse}: id, event and data lines in a chunk. */
    public static byte[] sseChunk(Tick tick) {
        return new ChunkedEncoder().encodeChunk(EventStreamFormat.sse(java.time.Duration.ZERO, List.of())
                .encode(tick).bytes());
    }

    /** One event on {@code /ws}: an unmasked text frame from the server (RFC 6455 §5.2). */
    public static byte[] webSocketFrame(Tick tick) {
        ByteBuffer frame = new FrameEncoder(Role.SERVER, MaskKeySource.fixed(0)).encode(Frame.text(tick.toJson()));
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }
}
