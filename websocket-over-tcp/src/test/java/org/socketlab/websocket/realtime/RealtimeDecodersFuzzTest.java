package org.socketlab.websocket.realtime;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the two client-side decoders that read what a server sends. In a
 * normal build each {@code @FuzzTest} replays its corpus (src/test/resources/…/RealtimeDecodersFuzzTestInputs)
 * as a plain test; {@code JAZZER_FUZZ=1 mvn -pl websocket-over-tcp -am verify
 * -Dtest='RealtimeDecodersFuzzTest#sseParser'} fuzzes for 30 s. Properties: only the declared
 * exception escapes, and feeding the bytes in two pieces gives the same result as in one.
 */
class RealtimeDecodersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void sseParser(byte[] input) {
        int split = input.length == 0 ? 0 : (input[0] & 0xFF) % input.length;
        List<SseEvent> whole;
        try {
            whole = new SseParser(256, 1024).feed(input);
        } catch (SseFormatException tooLong) {
            return;
        }
        SseParser pieces = new SseParser(256, 1024);
        List<SseEvent> split2 = new ArrayList<>();
        try {
            split2.addAll(pieces.feed(ByteBuffer.wrap(input, 0, split)));
            split2.addAll(pieces.feed(ByteBuffer.wrap(input, split, input.length - split)));
        } catch (SseFormatException e) {
            throw new AssertionError("the whole input parsed but the split one failed: " + e.getMessage(), e);
        }
        if (!whole.equals(split2)) {
            throw new AssertionError("split at " + split + " gave " + split2 + " but whole gave " + whole);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void chunkedDecoder(byte[] input) {
        int split = input.length == 0 ? 0 : (input[0] & 0xFF) % input.length;
        byte[] whole;
        try {
            whole = new ChunkedDecoder(4096).decode(ByteBuffer.wrap(input));
        } catch (ChunkedFormatException malformed) {
            return;
        }
        ChunkedDecoder pieces = new ChunkedDecoder(4096);
        try {
            byte[] first = pieces.decode(ByteBuffer.wrap(input, 0, split));
            byte[] second = pieces.decode(ByteBuffer.wrap(input, split, input.length - split));
            byte[] joined = java.util.Arrays.copyOf(first, first.length + second.length);
            System.arraycopy(second, 0, joined, first.length, second.length);
            if (!java.util.Arrays.equals(whole, joined)) {
                throw new AssertionError("split at " + split + " decoded different data");
            }
        } catch (ChunkedFormatException e) {
            throw new AssertionError("the whole input decoded but the split one failed: " + e.getMessage(), e);
        }
    }
}
