package org.socketlab.websocket.http;

import java.nio.ByteBuffer;

/** Chunked transfer coding writer (RFC 9112 §7.1) — work in progress. */
public final class ChunkedEncoder {

    public ByteBuffer encodeChunk(ByteBuffer data) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public ByteBuffer lastChunk() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
