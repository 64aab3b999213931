package org.socketlab.websocket.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Collects a Content-Length body across calls; the length was checked against the limit already.
 *
 * <p>The declared length is the peer's claim, not bytes in hand (RFC 9112 §6.3): a head that
 * declares a megabyte and then goes silent must not cost a megabyte. So nothing is allocated
 * until body bytes arrive, and the buffer then grows geometrically with what has arrived — at
 * most twice the bytes received (or {@link #MIN_CAPACITY}), never more than the declared length.
 */
final class BodyReader {

    /** The smallest buffer allocated once a body byte arrives. */
    static final int MIN_CAPACITY = 1024;

    private byte[] body = HttpMessages.EMPTY;
    private int length;
    private int filled;

    void start(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("a body length is >= 0, got " + length);
        }
        this.body = HttpMessages.EMPTY;
        this.length = length;
        this.filled = 0;
    }

    /** Copies what is available; true once the body is complete. */
    boolean read(ByteBuffer in) {
        int count = Math.min(in.remaining(), length - filled);
        if (count > 0) {
            ensureCapacity(filled + count);
            in.get(body, filled, count);
            filled += count;
        }
        return filled == length;
    }

    /** Grows to hold {@code needed} bytes: doubling, so copying costs O(length) in total. */
    private void ensureCapacity(int needed) {
        if (needed <= body.length) {
            return;
        }
        long doubled = Math.max((long) body.length * 2, MIN_CAPACITY);
        int capacity = (int) Math.min(length, Math.max(needed, doubled));
        body = Arrays.copyOf(body, capacity);
    }

    /** The complete body, exactly {@code length} bytes. */
    byte[] take() {
        byte[] result = body.length == filled ? body : Arrays.copyOf(body, filled);
        body = HttpMessages.EMPTY;
        length = 0;
        filled = 0;
        return result;
    }
}
