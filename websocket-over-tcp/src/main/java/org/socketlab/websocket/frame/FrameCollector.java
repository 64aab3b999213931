package org.socketlab.websocket.frame;

import java.nio.ByteBuffer;

/**
 * Collects the chunks of one split frame for {@link FrameDecoder#decode(ByteBuffer, DecodedFrame)}.
 * The buffer grows as bytes arrive (doubling, never past the declared length), so a peer that
 * declares a large payload and sends little of it costs little (issue 17: memory follows the
 * bytes received). Not thread-safe; owned by one decoder.
 */
final class FrameCollector {

    private static final int INITIAL_CAPACITY = 1024;

    final DecodedFrame view = new DecodedFrame();
    boolean lastShared;
    private ByteBuffer collected;
    private int declaredLength;

    void start(int payloadLength) {
        declaredLength = payloadLength;
        collected = null;
    }

    void append(ByteBuffer chunk, int offset, int length) {
        if (collected == null) {
            collected = ByteBuffer.allocate(Math.min(declaredLength, Math.max(INITIAL_CAPACITY, length)));
        } else if (collected.remaining() < length) {
            long wanted = Math.max(2L * collected.capacity(), (long) collected.position() + length);
            ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(declaredLength, wanted));
            bigger.put(collected.flip());
            collected = bigger;
        }
        collected.put(collected.position(), chunk, offset, length);
        collected.position(collected.position() + length);
    }

    ByteBuffer finish() {
        ByteBuffer done = collected == null ? ByteBuffer.allocate(0) : collected.flip();
        collected = null;
        return done;
    }
}
