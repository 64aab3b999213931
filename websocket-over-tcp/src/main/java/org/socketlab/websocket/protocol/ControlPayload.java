package org.socketlab.websocket.protocol;

import java.nio.ByteBuffer;
import org.socketlab.websocket.frame.FrameHeader;

/**
 * Collects a control frame whose payload (at most 125 bytes, RFC 6455 §5.5) was split across
 * reads. The 125-byte array is created on first use only, so an idle connection does not own it.
 * Not thread-safe; owned by one {@link WebSocketProtocol}.
 */
final class ControlPayload {

    private byte[] bytes;
    private int filled;

    void start() {
        if (bytes == null) {
            bytes = new byte[FrameHeader.MAX_CONTROL_PAYLOAD];
        }
        filled = 0;
    }

    /** The decoder has already checked the length against 125 (§5.5), so this cannot overflow. */
    void append(ByteBuffer chunk, int offset, int length) {
        chunk.get(offset, bytes, filled, length);
        filled += length;
    }

    /** The collected payload; valid until the next {@link #start()}. */
    ByteBuffer payload() {
        return ByteBuffer.wrap(bytes, 0, filled);
    }
}
