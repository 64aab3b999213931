package org.socketlab.websocket.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.socketlab.tcp.wire.Direction;
import org.socketlab.tcp.wire.Dissector;

/**
 * Whatever flows through, the dissector never throws and always consumes what it is given —
 * the tap relies on that. Inputs mix real handshakes and frames with random bytes, cut into
 * random chunks; the seed is in every failure message.
 */
class DissectorRobustnessPropertiesTest {

    private static final byte[][] PIECES = {
        HttpWebSocketDissectorTest.RFC_REQUEST.getBytes(StandardCharsets.US_ASCII),
        HttpWebSocketDissectorTest.RFC_RESPONSE.getBytes(StandardCharsets.US_ASCII),
        HttpWebSocketDissectorTest.MASKED_HELLO,
        HttpWebSocketDissectorTest.UNMASKED_HELLO,
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n".getBytes(StandardCharsets.US_ASCII),
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: x\n\n".getBytes(StandardCharsets.US_ASCII),
        Feeding.hex("88 02 03e8 82 7f ffffffffffffffff 01 7e 0000"),
    };

    @Property(tries = 300)
    void neverThrows_andConsumesEveryChunk(@ForAll long seed) {
        Random random = new Random(seed);
        Dissector dissector = new HttpWebSocketDissector();
        List<String> lines = new ArrayList<>();
        for (int step = 0; step < 40; step++) {
            Direction direction = random.nextBoolean() ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            byte[] bytes = random.nextInt(3) == 0 ? randomBytes(random) : PIECES[random.nextInt(PIECES.length)];
            int from = random.nextInt(bytes.length + 1);
            ByteBuffer chunk = ByteBuffer.wrap(bytes, from, random.nextInt(bytes.length - from + 1)).slice().asReadOnlyBuffer();
            try {
                lines.addAll(dissector.dissect(direction, chunk));
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": dissector threw at step " + step + " after lines " + lines, e);
            }
            assertThat(chunk.hasRemaining()).as("seed %d: chunk fully consumed at step %d", seed, step).isFalse();
        }
        lines.addAll(dissector.endOfStream(Direction.CLIENT_TO_SERVER));
        lines.addAll(dissector.endOfStream(Direction.SERVER_TO_CLIENT));
        assertThat(lines).as("seed %d", seed).allSatisfy(line -> assertThat(line).doesNotContain("\n", "\r"));
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }
}
