package org.socketlab.websocket.inspect;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.List;
import org.socketlab.tcp.wire.Direction;

/**
 * Coverage-guided fuzzing of the HTTP/WebSocket dissector: whatever the bytes and however they
 * are cut and interleaved, it never throws, consumes every chunk and writes one-line annotations
 * (the tap relies on all three). A normal build replays the corpus in
 * src/test/resources/.../DissectorFuzzTestInputs; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl websocket-over-tcp -am verify -Dtest='DissectorFuzzTest'}.
 * Input byte 0 sets the chunk size (1–32), byte 1 the directions (bit i: chunk i goes S->C).
 */
class DissectorFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void dissector(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int chunk = 1 + (input[0] & 0xFF) % 32;
        int directions = input[1] & 0xFF;
        HttpWebSocketDissector dissector = new HttpWebSocketDissector((directions & 1) != 0);
        int index = 0;
        for (int at = 2; at < input.length; at += chunk, index++) {
            Direction direction = ((directions >>> (index % 8)) & 1) != 0 ? Direction.SERVER_TO_CLIENT : Direction.CLIENT_TO_SERVER;
            ByteBuffer bytes = ByteBuffer.wrap(input, at, Math.min(chunk, input.length - at)).slice().asReadOnlyBuffer();
            check(dissector.dissect(direction, bytes));
            if (bytes.hasRemaining()) {
                throw new AssertionError("dissector left " + bytes.remaining() + " bytes unconsumed");
            }
        }
        check(dissector.endOfStream(Direction.CLIENT_TO_SERVER));
        check(dissector.endOfStream(Direction.SERVER_TO_CLIENT));
    }

    /**
     * The frame dissector alone, after an upgrade: byte 0 picks the role, permessage-deflate and the
     * field view (bits 0–2) and the chunk size (bits 3–7).
     */
    @FuzzTest(maxDuration = "30s")
    void frames(byte[] input) {
        if (input.length < 1) {
            return;
        }
        int flags = input[0] & 0xFF;
        int chunk = 1 + (flags >>> 3);
        FrameDissector dissector = new FrameDissector((flags & 1) != 0, (flags & 2) != 0 ? new Inflation(false) : null,
                0, (flags & 4) != 0);
        List<String> out = new java.util.ArrayList<>();
        for (int at = 1; at < input.length; at += chunk) {
            ByteBuffer bytes = ByteBuffer.wrap(input, at, Math.min(chunk, input.length - at)).slice().asReadOnlyBuffer();
            dissector.feed(bytes, out);
            if (bytes.hasRemaining()) {
                throw new AssertionError("frame dissector left " + bytes.remaining() + " bytes unconsumed");
            }
        }
        dissector.endOfStream(out);
    }

    private static void check(List<String> lines) {
        for (String line : lines) {
            if (line.contains("\n") || line.contains("\r")) {
                throw new AssertionError("annotation spans lines: " + line);
            }
        }
    }
}
