package org.socketlab.websocket.http;

import java.nio.ByteBuffer;

/** Collects a Content-Length body across calls; the length was checked against the limit already. */
final class BodyReader {

    private byte[] body = HttpMessages.EMPTY;
    private int filled;

    void start(int length) {
        body = length == 0 ? HttpMessages.EMPTY : new byte[length];
        filled = 0;
    }

    /** Copies what is available; true once the body is complete. */
    boolean read(ByteBuffer in) {
        int count = Math.min(in.remaining(), body.length - filled);
        in.get(body, filled, count);
        filled += count;
        return filled == body.length;
    }

    byte[] take() {
        byte[] result = body;
        body = HttpMessages.EMPTY;
        filled = 0;
        return result;
    }
}
