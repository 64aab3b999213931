package org.socketlab.websocket.inspect;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.socketlab.tcp.wire.Direction;
import org.socketlab.tcp.wire.Dissector;

/** Feeds byte fixtures to dissectors in chosen chunks, as the tap would (read-only buffers). */
final class Feeding {

    private Feeding() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    /** Lines for {@code bytes} cut at the given offsets (ascending). */
    static List<String> frames(boolean fromClient, byte[] bytes, int... cuts) {
        FrameDissector dissector = new FrameDissector(fromClient, null, 0, false);
        List<String> out = new ArrayList<>();
        for (ByteBuffer chunk : chunks(bytes, cuts)) {
            dissector.feed(chunk, out);
        }
        return out;
    }

    static List<String> dissect(Dissector dissector, Direction direction, byte[] bytes, int... cuts) {
        List<String> out = new ArrayList<>();
        for (ByteBuffer chunk : chunks(bytes, cuts)) {
            out.addAll(dissector.dissect(direction, chunk));
        }
        return out;
    }

    static List<ByteBuffer> chunks(byte[] bytes, int... cuts) {
        List<ByteBuffer> chunks = new ArrayList<>();
        int start = 0;
        for (int cut : cuts) {
            chunks.add(ByteBuffer.wrap(Arrays.copyOfRange(bytes, start, cut)).asReadOnlyBuffer());
            start = cut;
        }
        chunks.add(ByteBuffer.wrap(Arrays.copyOfRange(bytes, start, bytes.length)).asReadOnlyBuffer());
        return chunks;
    }

    /** The lines that do not depend on where TCP cut the stream ("… so far" progress lines do). */
    static List<String> withoutProgress(List<String> lines) {
        return lines.stream().filter(line -> !line.startsWith("… ")).toList();
    }
}
