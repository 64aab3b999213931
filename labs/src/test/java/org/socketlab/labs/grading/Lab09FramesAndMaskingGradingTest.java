package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.compression.CompressionRatio;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.extension.DeflateParameters;
import org.socketlab.websocket.extension.MessageDeflater;
import org.socketlab.websocket.extension.MessageInflater;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.FrameEncoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Masking;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.protocol.WebSocketProtocol;

/** Grading suite for lab 09 (guide: labs/guides/09-frames-and-masking.md). */
@Timeout(10)
class Lab09FramesAndMaskingGradingTest {

    private static final String GUIDE = "labs/guides/09-frames-and-masking.md";
    private static final int RFC_KEY = 0x37fa213d;

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** Expected vs actual bytes with the first differing offset and the guide section to read. */
    private static void expectBytes(String what, byte[] expected, byte[] actual, String section) {
        int at = 0;
        while (at < Math.min(expected.length, actual.length) && expected[at] == actual[at]) {
            at++;
        }
        if (at == expected.length && at == actual.length) {
            return;
        }
        fail("""
                %s
                  expected: %s
                  got:      %s
                  first difference at offset %d
                Read %s, section "%s".""".formatted(what, hex(expected), hex(actual), at, GUIDE, section));
    }

    private static int closeCodeFor(Role decoderRole, byte[] wire) {
        FrameDecoder decoder = new FrameDecoder(decoderRole, 1 << 20, 0);
        try {
            for (byte b : wire) {
                decoder.decode(ByteBuffer.wrap(new byte[] {b}));
            }
        } catch (WebSocketProtocolException e) {
            return e.closeCode().code();
        }
        return -1;
    }

    @Test
    @Points(2)
    @DisplayName("Your encoder writes the RFC 6455 §5.7 unmasked \"Hello\" text frame byte for byte")
    void unmaskedHello() {
        byte[] actual = bytes(new FrameEncoder(Role.SERVER, null).encode(Frame.text("Hello")));
        expectBytes("A server's text frame \"Hello\"", hex("81 05 48 65 6c 6c 6f"), actual, "Background");
    }

    @Test
    @Points(2)
    @DisplayName("Your client encoder masks \"Hello\" with key 37 fa 21 3d exactly as RFC 6455 §5.7 shows")
    void maskedHello() {
        byte[] actual = bytes(new FrameEncoder(Role.CLIENT, MaskKeySource.fixed(RFC_KEY)).encode(Frame.text("Hello")));
        expectBytes("A client's masked text frame \"Hello\"", hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), actual,
                "Steps, Part 2 — masking");
    }

    @Test
    @Points(2)
    @DisplayName("Your masking XORs byte i with key byte i mod 4, also when a payload is masked in pieces")
    void maskingInPieces() {
        byte[] data = new byte[100];
        new Random(9).nextBytes(data);
        ByteBuffer expected = ByteBuffer.wrap(data.clone());
        for (int i = 0; i < data.length; i++) {
            expected.put(i, (byte) (data[i] ^ (RFC_KEY >>> (24 - 8 * (i % 4)))));
        }
        ByteBuffer actual = ByteBuffer.wrap(data.clone());
        Masking.apply(actual.duplicate().position(0).limit(7), RFC_KEY, 0);
        Masking.apply(actual.duplicate().position(7).limit(61), RFC_KEY, 7);
        Masking.apply(actual.duplicate().position(61).limit(100), RFC_KEY, 61);
        expectBytes("100 bytes masked in pieces of 7, 54 and 39 bytes", expected.array(), actual.array(),
                "Questions");
    }

    @Test
    @Points(2)
    @DisplayName("Your encoder uses the 16-bit length for 126..65535 bytes and the 64-bit length from 65536")
    void lengthForms() {
        FrameEncoder server = new FrameEncoder(Role.SERVER, null);
        expectBytes("Header of a 126-byte binary frame", hex("82 7e 00 7e"),
                java.util.Arrays.copyOf(bytes(server.encode(Frame.binary(ByteBuffer.allocate(126)))), 4), "Steps, Part 3");
        expectBytes("Header of a 65536-byte binary frame", hex("82 7f 00 00 00 00 00 01 00 00"),
                java.util.Arrays.copyOf(bytes(server.encode(Frame.binary(ByteBuffer.allocate(65536)))), 10), "Steps, Part 3");
    }

    @Test
    @Points(3)
    @DisplayName("Your decoder returns the same frames when every read() delivers a single byte")
    void decoderOneByteAtATime() throws WebSocketProtocolException {
        FrameEncoder client = new FrameEncoder(Role.CLIENT, MaskKeySource.fixed(RFC_KEY));
        List<Frame> sent = List.of(Frame.of(Opcode.TEXT, ascii("Hel"), false), Frame.ping(ascii("?")),
                Frame.continuation(ascii("lo"), true), Frame.binary(ByteBuffer.allocate(300)));
        List<Byte> wire = new ArrayList<>();
        for (Frame frame : sent) {
            for (byte b : bytes(client.encode(frame))) {
                wire.add(b);
            }
        }
        FrameDecoder decoder = new FrameDecoder(Role.SERVER, 1 << 20, 0);
        List<Frame> received = new ArrayList<>();
        for (byte b : wire) {
            Frame frame = decoder.decode(ByteBuffer.wrap(new byte[] {b}));
            if (frame != null) {
                received.add(new Frame(frame.fin(), false, false, false, frame.opcode(), ByteBuffer.wrap(frame.payloadBytes())));
            }
        }
        assertThat(received)
                .as("Frames decoded from %d bytes fed one at a time. Read %s, section \"Steps, Part 4\".", wire.size(), GUIDE)
                .isEqualTo(sent);
    }

    @Test
    @Points(2)
    @DisplayName("Your server-side decoder refuses an unmasked frame with close code 1002")
    void serverRefusesUnmaskedFrame() {
        assertThat(closeCodeFor(Role.SERVER, hex("81 02 68 69")))
                .as("close code for an unmasked client frame (RFC 6455 §5.1); read %s, \"Steps, Part 5\"", GUIDE)
                .isEqualTo(CloseCode.PROTOCOL_ERROR.code());
    }

    @Test
    @Points(2)
    @DisplayName("Your decoder refuses a ping longer than 125 bytes and a fragmented ping with 1002")
    void controlFrameRules() {
        assertThat(closeCodeFor(Role.CLIENT, hex("89 7e 00 7e")))
                .as("close code for a 126-byte ping (RFC 6455 §5.5); read %s, \"Background\"", GUIDE).isEqualTo(1002);
        assertThat(closeCodeFor(Role.CLIENT, hex("09 00")))
                .as("close code for a ping with FIN=0 (RFC 6455 §5.5); read %s, \"Background\"", GUIDE).isEqualTo(1002);
    }

    @Test
    @Points(2)
    @DisplayName("Your decoder refuses reserved opcodes and a 64-bit length with its top bit set with 1002")
    void reservedOpcodeAndLength() {
        assertThat(closeCodeFor(Role.CLIENT, hex("83 00")))
                .as("close code for opcode 0x3 (RFC 6455 §5.2); read %s, \"Background\"", GUIDE).isEqualTo(1002);
        assertThat(closeCodeFor(Role.CLIENT, hex("82 7f 80 00 00 00 00 00 00 01")))
                .as("close code for a 64-bit length with the top bit set; read %s, \"Experiments\" 3", GUIDE).isEqualTo(1002);
    }

    @Test
    @Points(3)
    @DisplayName("Your decoder fails a 2 GiB frame with 1009 before allocating its payload")
    void oversizedFrameFailsBeforeAllocation() {
        FrameDecoder decoder = new FrameDecoder(Role.CLIENT, 1 << 20, 0);
        try {
            decoder.decode(ByteBuffer.wrap(hex("82 7f 00 00 00 00 80 00 00 00")));
            fail("A frame announcing 2 GiB was accepted by a decoder limited to 1 MiB. Read %s, \"Experiments\" 4.", GUIDE);
        } catch (WebSocketProtocolException e) {
            assertThat(e.closeCode().code()).as("close code for a frame over the limit (RFC 6455 §7.4.1)").isEqualTo(1009);
        } catch (OutOfMemoryError e) {
            fail("The decoder tried to allocate the announced 2 GiB. Check the limit first. Read %s, \"Experiments\" 4.", GUIDE);
        }
    }

    // ---------------------------------------------------------------- Parts 6–8: permessage-deflate (RFC 7692)

    @Test
    @Points(2)
    @DisplayName("Your compressor turns \"Hello\" into f2 48 cd c9 c9 07 00, the tail 00 00 ff ff removed (RFC 7692 §7.2.3.1)")
    void compressedHello() {
        try (MessageDeflater deflater = new MessageDeflater(true, -1)) {
            byte[] actual = bytes(deflater.compress(ascii("Hello")));
            expectBytes("\"Hello\" compressed for permessage-deflate", hex("f2 48 cd c9 c9 07 00"), actual, "Step 6");
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your inflater reads RFC 7692 §7.2.3.2's shared window: \"Hello\" then f2 00 11 00 00 is \"Hello\" again")
    void sharedWindowExample() throws WebSocketProtocolException {
        try (MessageInflater inflater = new MessageInflater(false, 1 << 20)) {
            inflater.feed(ByteBuffer.wrap(hex("f2 48 cd c9 c9 07 00")));
            String first = StandardCharsets.UTF_8.decode(inflater.finish()).toString();
            inflater.feed(ByteBuffer.wrap(hex("f2 00 11 00 00")));
            String second = StandardCharsets.UTF_8.decode(inflater.finish()).toString();
            assertThat(List.of(first, second)).as("the two messages inflated with context takeover (the tail restored,"
                    + " the window kept); read %s, \"Step 6\"", GUIDE).containsExactly("Hello", "Hello");
        }
    }

    @Test
    @Points(2)
    @DisplayName("Chat JSON shrinks below 40 % on the wire with context takeover; random bytes do not shrink at all")
    void compressionRatio() {
        CompressionRatio.Ratio chat = CompressionRatio.measure(300, false, true);
        CompressionRatio.Ratio random = CompressionRatio.measure(300, true, true);
        assertThat(chat.ratio()).as("compressed ÷ plain wire bytes for 300 chat messages (%s); read %s, \"Step 6\"",
                chat, GUIDE).isLessThan(0.40);
        assertThat(random.ratio()).as("compressed ÷ plain for random bytes (%s); read %s, \"Step 6\"", random, GUIDE)
                .isGreaterThanOrEqualTo(1.0);
    }

    @Test
    @Points(2)
    @DisplayName("Your inflater fails a 10 MB bomb with 1009 after producing at most the 1 MiB limit, never the 10 MB")
    void bombStopsAtTheLimit() {
        byte[] bomb;
        try (MessageDeflater deflater = new MessageDeflater(true, 9)) {
            bomb = bytes(deflater.compress(ByteBuffer.allocate(10_000_000)));
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try (MessageInflater inflater = new MessageInflater(false, 1 << 20)) {
            inflater.feed(ByteBuffer.wrap(bomb));
            inflater.finish();
            fail("A %d-byte bomb that inflates to 10 MB was accepted under a 1 MiB limit. Read %s, \"Step 8\".",
                    bomb.length, GUIDE);
        } catch (WebSocketProtocolException e) {
            assertThat(e.closeCode().code()).as("close code for an inflated message over the limit (RFC 7692 §8.1)")
                    .isEqualTo(1009);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated while inflating the bomb: bounded by the limit, not by the 10 MB;"
                + " read %s, \"Step 8\"", GUIDE).isLessThan(8L << 20);
    }

    @Test
    @Points(3)
    @DisplayName("Your server answers a 10 MB compression bomb with a close frame carrying 1009: the bytes it writes")
    void bombAnsweredWith1009OnTheWire() {
        // The wire without sockets (lab 09 needs no other lab): the client's bytes go into the
        // server's protocol, the server's bytes out are what its write() would send. BombOnTheWire
        // (Part 8) does the same through real sockets and the tap.
        DeflateParameters agreed = DeflateParameters.defaults();
        DeflateConfig config = DeflateConfig.defaults();
        WebSocketProtocol client = new WebSocketProtocol(Role.CLIENT, ProtocolConfig.defaults(),
                MaskKeySource.fixed(RFC_KEY), 0, agreed, config);
        WebSocketProtocol server = new WebSocketProtocol(Role.SERVER, ProtocolConfig.defaults(), null, 0, agreed, config);
        client.sendBinary(ByteBuffer.allocate(10_000_000));
        long sent = 0;
        for (ByteBuffer bytes : client.pollOutgoing()) {
            sent += bytes.remaining();
            server.receive(bytes, 0);
        }
        assertThat(sent).as("bytes the 10 MB of zeros take on the wire, compressed; read %s, \"Step 8\"", GUIDE)
                .isLessThan(20_000);
        List<ByteBuffer> answer = server.pollOutgoing();
        int total = answer.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer wire = ByteBuffer.allocate(total);
        answer.forEach(bytes -> wire.put(bytes.duplicate()));
        byte[] written = bytes(wire.flip());
        assertThat(written.length).as("the server's answer: %s; read %s, \"Step 8\"", hex(written), GUIDE).isGreaterThan(4);
        expectBytes("The first four bytes the server writes: a close frame (88), its length, code 1009 (03 f1)",
                new byte[] {(byte) 0x88, written[1], 0x03, (byte) 0xf1}, java.util.Arrays.copyOf(written, 4), "Step 8");
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
