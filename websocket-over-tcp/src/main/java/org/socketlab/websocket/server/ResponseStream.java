package org.socketlab.websocket.server;

import java.io.IOException;
import org.socketlab.websocket.http.ChunkedEncoder;

/**
 * The body of a held response (HTTP streaming, SSE): each {@link #write} is one chunk
 * (RFC 9112 §7.1), {@link #flush} sends what was written, {@link #finish} ends the body with the
 * last chunk so the connection may carry the next request, {@link #abort} drops the connection
 * without it (what a network failure looks like to the client). Each write has the front door's
 * write timeout: a client that stops reading is dropped and the write throws.
 *
 * <p>Not thread-safe: one writer.
 */
public final class ResponseStream {

    private final HttpExchange exchange;
    private final ChunkedEncoder chunks;
    private final boolean headOnly;
    private final boolean persistent;
    private boolean ended;

    ResponseStream(HttpExchange exchange, boolean chunked, boolean headOnly, boolean persistent) {
        this.exchange = exchange;
        this.chunks = chunked ? new ChunkedEncoder() : null;
        this.headOnly = headOnly;
        this.persistent = persistent;
        this.ended = headOnly;
    }

    /** One chunk; an empty array writes nothing (a zero-size chunk would end the body). */
    public void write(byte[] data) throws IOException {
        if (headOnly) {
            throw new IOException("a HEAD response has no content");
        }
        if (ended) {
            throw new IllegalStateException("the stream has ended");
        }
        if (data.length > 0) {
            exchange.writeRaw(chunks == null ? data : chunks.encodeChunk(data));
        }
    }

    public void flush() throws IOException {
        if (!headOnly) {
            exchange.flush();
        }
    }

    /** The last chunk: the body is complete (for HTTP/1.0 the connection closes instead). */
    public void finish() throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        if (chunks != null) {
            exchange.writeRaw(chunks.lastChunk().array());
            exchange.flush();
        }
        exchange.finishStream(persistent && chunks != null);
    }

    /** Ends without a last chunk; the connection is closed. */
    public void abort() {
        ended = true;
        exchange.abortStream();
    }
}
