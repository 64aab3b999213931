package org.socketlab.websocket.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.frame.WebSocketProtocolException;

/**
 * RFC 7692 §7.1.2.2: our server never limits the client's window, because an {@code Inflater}
 * reads a stream written with any window up to 15 bits. Checked here on streams that a zlib-based
 * peer really wrote with windows of 9, 10, 12 and 15 bits (fixtures made by CPython's zlib, with
 * context takeover across three messages; zlib itself refuses 8 for raw deflate).
 */
class SmallWindowInflationTest {

    private static final String[] WORDS = {"socket", "frame", "deflate", "window", "server", "client", "message",
        "latency", "buffer", "close", "ping", "room", "hello"};

    /** The fixture's message {@code i}, built the same way the fixture script built it. */
    static String message(int i) {
        List<String> words = new ArrayList<>();
        for (int k = 0; k < 400; k++) {
            words.add(WORDS[(i * 7 + k * k) % WORDS.length]);
        }
        return "{\"seq\":" + i + ",\"text\":\"" + String.join(" ", words) + "\"}";
    }

    private static List<byte[]> payloads(int windowBits) throws IOException {
        try (InputStream in = SmallWindowInflationTest.class.getResourceAsStream("/deflate/small-windows.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> line.startsWith(windowBits + " "))
                    .map(line -> Base64.getDecoder().decode(line.substring(line.indexOf(' ') + 1)))
                    .collect(Collectors.toList());
        }
    }

    @ParameterizedTest(name = "window of {0} bits")
    @ValueSource(ints = {9, 10, 12, 15})
    void messagesWrittenWithASmallerWindow_inflateWithContextTakeover(int windowBits)
            throws IOException, WebSocketProtocolException {
        List<byte[]> payloads = payloads(windowBits);
        assertThat(payloads).as("fixture lines for %d bits", windowBits).hasSize(3);
        try (MessageInflater inflater = new MessageInflater(false, 1 << 20)) {
            for (int i = 0; i < payloads.size(); i++) {
                inflater.feed(ByteBuffer.wrap(payloads.get(i)));
                ByteBuffer inflated = inflater.finish();
                assertThat(StandardCharsets.UTF_8.decode(inflated).toString()).as("message %d, %d-bit window", i, windowBits)
                        .isEqualTo(message(i));
            }
        }
    }
}
