package org.socketlab.websocket.protocol;

import java.time.Duration;

/**
 * The frame timeout ({@link ProtocolConfig#frameTimeout()}): once the first byte of a frame has
 * arrived, the whole frame must arrive within the timeout, however the bytes are trickled. It
 * bounds how long a peer that declared a large frame and went silent holds the connection
 * (issue 17). Pure: time is passed in. Not thread-safe; owned by one {@link WebSocketProtocol}.
 */
final class FrameDeadline {

    private static final long NO_FRAME = Long.MIN_VALUE;

    private final long timeoutNanos;
    /** When the first byte of the frame in progress arrived; NO_FRAME between frames. */
    private long startedNanos = NO_FRAME;

    FrameDeadline(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** A frame was completed (the next one has not started yet). */
    void frameEnded() {
        startedNanos = NO_FRAME;
    }

    /** After a read: when it left a frame unfinished, that frame's clock runs from this read if not before. */
    void afterRead(boolean insideFrame, long nowNanos) {
        if (!insideFrame) {
            startedNanos = NO_FRAME;
        } else if (startedNanos == NO_FRAME) {
            startedNanos = nowNanos;
        }
    }

    /** When the frame in progress must be complete; {@link Long#MAX_VALUE} between frames or when off. */
    long deadlineNanos() {
        return startedNanos == NO_FRAME || timeoutNanos == 0 ? Long.MAX_VALUE : startedNanos + timeoutNanos;
    }

    boolean overdue(long nowNanos) {
        long deadline = deadlineNanos();
        return deadline != Long.MAX_VALUE && nowNanos - deadline >= 0;
    }

    /** Milliseconds since the frame in progress started (for the error message). */
    long millisSinceStart(long nowNanos) {
        return startedNanos == NO_FRAME ? 0 : (nowNanos - startedNanos) / 1_000_000;
    }
}
