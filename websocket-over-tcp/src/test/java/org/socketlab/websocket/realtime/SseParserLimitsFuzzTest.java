package org.socketlab.websocket.realtime;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link SseParser} against its limits (the split-invariance property
 * lives in {@code RealtimeDecodersFuzzTest}). Small limits (64-byte lines, 256-byte events) so
 * the fuzzer reaches them. Properties: the only exception is {@link SseFormatException}; no
 * dispatched event carries more chars of data than the event limit has bytes; the last event id never contains NUL
 * (WHATWG HTML §9.2.6); a retry time is never negative; the parser consumes every byte it is fed.
 */
class SseParserLimitsFuzzTest {

    private static final int MAX_LINE = 64;
    private static final int MAX_EVENT = 256;

    @FuzzTest(maxDuration = "60s")
    void eventsStayWithinTheLimits(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunk = 1 + (input[0] & 0xFF) % 17;
        SseParser parser = new SseParser(MAX_LINE, MAX_EVENT);
        try {
            for (int at = 1; at < input.length; at += chunk) {
                ByteBuffer piece = ByteBuffer.wrap(input, at, Math.min(chunk, input.length - at));
                List<SseEvent> events = parser.feed(piece);
                if (piece.hasRemaining()) {
                    throw new AssertionError("the parser left " + piece.remaining() + " bytes unread");
                }
                for (SseEvent event : events) {
                    // The limit counts bytes received. Each decodes to at most one char (invalid
                    // UTF-8 becomes one U+FFFD, which re-encodes as 3 bytes: the first fuzzing run
                    // "found" that when this property re-encoded; see invalid-utf8-data-grows-...).
                    if (event.data().length() > MAX_EVENT) {
                        throw new AssertionError("an event of " + event.data().length() + " chars passed the "
                                + MAX_EVENT + "-byte limit");
                    }
                }
                if (parser.lastEventId().indexOf('\0') >= 0) {
                    throw new AssertionError("last event id contains NUL: " + parser.lastEventId());
                }
                if (parser.retryMillis() != null && parser.retryMillis() < 0) {
                    throw new AssertionError("negative retry " + parser.retryMillis());
                }
            }
        } catch (SseFormatException expected) {
            // a line or an event over the limit: the server's fault, reported as such
        }
    }
}
