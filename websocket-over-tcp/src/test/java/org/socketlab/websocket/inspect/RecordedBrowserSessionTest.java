package org.socketlab.websocket.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socketlab.tcp.wire.Direction;

/**
 * Replays a session recorded through the tap from a real browser (HeadlessChrome 156) to a real
 * server (Python websockets 10.4) with permessage-deflate, chunk by chunk as TCP delivered it.
 */
class RecordedBrowserSessionTest {

    private record Chunk(Direction direction, byte[] bytes) {
    }

    private static List<Chunk> session;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = RecordedBrowserSessionTest.class.getResourceAsStream("chromium-session.txt")) {
            session = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split(" "))
                    .map(parts -> new Chunk(parts[0].equals("C->S") ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT,
                            HexFormat.of().parseHex(parts[1])))
                    .toList();
        }
    }

    private static List<String> replay(List<Chunk> chunks) {
        HttpWebSocketDissector dissector = new HttpWebSocketDissector();
        List<String> out = new ArrayList<>();
        for (Chunk chunk : chunks) {
            out.addAll(dissector.dissect(chunk.direction(), ByteBuffer.wrap(chunk.bytes()).asReadOnlyBuffer()));
        }
        return out;
    }

    @Test
    void handshakeIsExplained_andTheAcceptKeyChecked() {
        assertThat(replay(session)).containsSubsequence(
                "HTTP request: GET /chat HTTP/1.1",
                "  Origin: http://127.0.0.1:9302",
                "WebSocket upgrade requested: key 3eZC8Da7tk5uog/j4Q2hag==, version 13, "
                        + "extensions offered: permessage-deflate; client_max_window_bits",
                "HTTP response: HTTP/1.1 101 Switching Protocols",
                "WebSocket upgrade accepted: Sec-WebSocket-Accept B1ATNrlX0z/mLClzVeEPlsLdW8Y= "
                        + "= base64(SHA-1(key + \"258EAFA5-E914-47DA-95CA-C5AB0DC85B11\")) ✓ correct");
    }

    @Test
    void compressedFramesAreShownAndInflated_closeCodesDecoded() {
        assertThat(replay(session)).containsSubsequence(
                "frame @499: FIN=1 RSV=100 opcode=0x1 TEXT MASK=1 key=4d673bac length=20 (7-bit form), header 6 bytes",
                "  inflated message: \"Hello from Chromium\"",
                "frame @303: FIN=1 RSV=100 opcode=0x1 TEXT MASK=0 length=20 (7-bit form), header 2 bytes",
                "  inflated message: \"Hello from Chromium\"",
                "frame @525: FIN=1 opcode=0x8 CLOSE MASK=1 key=a52782d3 length=6 (7-bit form), header 6 bytes",
                "  close code 1000 (normal closure) reason \"done\"",
                "  close code 1000 (normal closure) reason \"done\"");
        assertThat(replay(session)).noneMatch(line -> line.startsWith("!"));
    }

    @Test
    void everyCutOfTheClientStream_givesTheSameFrames() {
        byte[] clientStream = concat(session.stream().filter(c -> c.direction() == Direction.CLIENT_TO_SERVER).toList());
        byte[] serverStream = concat(session.stream().filter(c -> c.direction() == Direction.SERVER_TO_CLIENT).toList());
        int requestLength = session.getFirst().bytes().length;
        for (int cut = 1; cut < clientStream.length; cut++) {
            // The request (or part of it) first, then the server's whole answer, then the rest.
            List<Chunk> chunks = List.of(
                    new Chunk(Direction.CLIENT_TO_SERVER, Arrays.copyOfRange(clientStream, 0, cut)),
                    new Chunk(Direction.SERVER_TO_CLIENT, cut >= requestLength ? serverStream : new byte[0]),
                    new Chunk(Direction.CLIENT_TO_SERVER, Arrays.copyOfRange(clientStream, cut, clientStream.length)),
                    new Chunk(Direction.SERVER_TO_CLIENT, cut >= requestLength ? new byte[0] : serverStream));
            assertThat(replay(chunks)).as("client stream cut at byte %d", cut)
                    .contains("frame @499: FIN=1 RSV=100 opcode=0x1 TEXT MASK=1 key=4d673bac length=20 (7-bit form), header 6 bytes",
                            "  inflated message: \"Hello from Chromium\"", "  close code 1000 (normal closure) reason \"done\"")
                    .noneMatch(line -> line.startsWith("!"));
        }
    }

    private static byte[] concat(List<Chunk> chunks) {
        ByteBuffer all = ByteBuffer.allocate(chunks.stream().mapToInt(c -> c.bytes().length).sum());
        chunks.forEach(chunk -> all.put(chunk.bytes()));
        return all.array();
    }
}
