package org.socketlab.labs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.FrameEncoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Masking;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.inspect.FrameDump;
import org.socketlab.tcp.wire.HexDump;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.protocol.ProtocolEvent;
import org.socketlab.websocket.protocol.WebSocketProtocol;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;

/**
 * Lab 09 — WebSocket frames and masking, byte by byte (RFC 6455 §5).
 *
 * <p>No socket is opened: every frame here is the exact byte sequence that a {@code write()} on a
 * WebSocket connection would hand to the kernel, and that a {@code read()} on the other side
 * would return, possibly cut into pieces. Guide: {@code labs/guides/09-frames-and-masking.md}.
 */
public final class Lab09FramesAndMasking {

    static final String TITLE = "Frames and masking";
    static final String SUMMARY = "build frames by hand, mask and unmask, length forms, fragments, bad frames,"
            + " compression and its bomb";

    /** The masking key of the RFC 6455 §5.7 examples. */
    static final int RFC_KEY = 0x37fa213d;

    private Lab09FramesAndMasking() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="09 --help"}. */
    @Command(name = "lab 09", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options {
    }

    public static void main(String[] args) throws Exception {
        Cli.parse(new Options(), args);
        byHand();
        masking();
        lengthForms();
        fragmentsAndSplitReads();
        badFrames();
        compressionRatio();
        compressionCost();
        compressionBomb();
        part("Done");
        say("Next: labs/guides/09-frames-and-masking.md, section \"Experiments\".");
    }

    /** Part 1: the two header bytes of RFC 6455 §5.7's first example, assembled bit by bit. */
    static byte[] helloByHand() {
        byte[] payload = "Hello".getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[2 + payload.length];
        frame[0] = (byte) (0x80 | 0x1);          // FIN=1, RSV=000, opcode 0x1 (text)
        frame[1] = (byte) payload.length;         // MASK=0 (a server frame), length 5 in 7 bits
        System.arraycopy(payload, 0, frame, 2, payload.length);
        return frame;
    }

    private static void byHand() {
        part("Part 1: a text frame built by hand (server → client)");
        byte[] frame = helloByHand();
        say("byte 0 = FIN(0x80) | opcode TEXT(0x1) = 0x81; byte 1 = MASK 0 | length 5 = 0x05; then the payload.");
        say("These 7 bytes are what the server's write() puts on the socket:");
        print(FrameDump.describe(ByteBuffer.wrap(frame)));
        byte[] encoded = bytes(new FrameEncoder(Role.SERVER, null).encode(Frame.text("Hello")));
        observe("FrameEncoder writes the same bytes: " + java.util.Arrays.equals(frame, encoded));
    }

    private static void masking() {
        part("Part 2: the client masks (RFC 6455 §5.3)");
        say("A client XORs payload byte i with key byte i mod 4. The RFC's example key is 37 fa 21 3d.");
        byte[] payload = "Hello".getBytes(StandardCharsets.UTF_8);
        byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d};
        for (int i = 0; i < payload.length; i++) {
            say("  i=%d  '%c' %02x  XOR key[%d]=%02x  =  %02x".formatted(i, (char) payload[i], payload[i],
                    i % 4, key[i % 4], (payload[i] ^ key[i % 4]) & 0xFF));
        }
        ByteBuffer wire = new FrameEncoder(Role.CLIENT, MaskKeySource.fixed(RFC_KEY)).encode(Frame.text("Hello"));
        print(FrameDump.describe(wire));
        ByteBuffer masked = wire.slice(6, 5);
        Masking.applySimple(masked, RFC_KEY, 0);
        observe("unmasking is the same XOR again: " + StandardCharsets.UTF_8.decode(masked.duplicate()));
        say("Why mask at all? So that a hostile web page cannot choose the bytes that cross a proxy");
        say("(cache poisoning, RFC 6455 §10.3). A real client takes a fresh key from SecureRandom per frame:");
        FrameEncoder client = new FrameEncoder(Role.CLIENT, MaskKeySource.secureRandom());
        for (int i = 0; i < 3; i++) {
            say("  " + HexDump.hex(client.encode(Frame.text("Hello")), 0, 11));
        }
    }

    private static void lengthForms() {
        part("Part 3: three ways to write a length (RFC 6455 §5.2)");
        FrameEncoder server = new FrameEncoder(Role.SERVER, null);
        for (int length : new int[] {125, 126, 65535, 65536}) {
            ByteBuffer wire = server.encode(Frame.binary(ByteBuffer.allocate(length)));
            int header = FrameEncoder.headerLength(length, false);
            say("%6d bytes → header %2d bytes: %s".formatted(length, header, HexDump.hex(wire, 0, header)));
        }
        observe("0–125 fit in 7 bits; 126 announces a 16-bit length; 127 a 64-bit one (top bit 0).");
    }

    private static void fragmentsAndSplitReads() throws WebSocketProtocolException {
        part("Part 4: fragments, a ping in between, and a read() that returns one byte at a time");
        FrameEncoder client = new FrameEncoder(Role.CLIENT, MaskKeySource.fixed(RFC_KEY));
        List<ByteBuffer> frames = List.of(
                client.encode(Frame.of(Opcode.TEXT, ascii("Hel"), false)),
                client.encode(Frame.ping(ascii("?"))),
                client.encode(Frame.continuation(ascii("lo"), true)));
        ByteBuffer wire = concat(frames);
        print(FrameDump.describeAll(wire));
        FrameDecoder decoder = new FrameDecoder(Role.SERVER, 1 << 20, 0);
        List<String> decoded = new ArrayList<>();
        for (int i = 0; i < wire.limit(); i++) {
            Frame frame = decoder.decode(wire.slice(i, 1)); // as if each read() returned 1 byte
            if (frame != null) {
                decoded.add("after byte %d: %s \"%s\"".formatted(i + 1, frame, frame.payloadText()));
            }
        }
        decoded.forEach(Lab09FramesAndMasking::say);
        WebSocketProtocol server = new WebSocketProtocol(Role.SERVER, ProtocolConfig.defaults(), null, 0);
        server.receive(concat(frames), 0);
        for (ProtocolEvent event : server.pollEvents()) {
            observe("the protocol reports " + describe(event));
        }
        say("and writes the pong (same payload as the ping, §5.5.3):");
        print(FrameDump.describeAll(concat(server.pollOutgoing())));
    }

    private static void badFrames() {
        part("Part 5: frames a server must refuse");
        refuse("an unmasked frame from a client (§5.1)", new byte[] {(byte) 0x81, 0x02, 'h', 'i'});
        byte[] bigPing = new byte[2 + 2 + 126 + 4];
        bigPing[0] = (byte) 0x89;
        bigPing[1] = (byte) (0x80 | 126);
        bigPing[3] = 126;
        refuse("a ping with 126 bytes of payload (§5.5)", bigPing);
        refuse("a reserved opcode 0x3 (§5.2)", new byte[] {(byte) 0x83, (byte) 0x80, 0, 0, 0, 0});
    }

    private static void refuse(String what, byte[] wire) {
        WebSocketProtocol server = new WebSocketProtocol(Role.SERVER, ProtocolConfig.defaults(), null, 0);
        server.receive(ByteBuffer.wrap(wire), 0);
        say("received " + what + ": " + HexDump.hex(ByteBuffer.wrap(wire), 0, Math.min(wire.length, 8)) + " ...");
        server.pollEvents().stream().filter(ProtocolEvent.Failed.class::isInstance)
                .forEach(event -> observe("failed: " + ((ProtocolEvent.Failed) event).error().getMessage()));
        say("the server answers with this close frame, then closes TCP:");
        print(FrameDump.describeAll(concat(server.pollOutgoing())));
    }

    private static void compressionRatio() {
        part("Part 6: permessage-deflate — what compression saves on the wire (RFC 7692)");
        byte[] hello = bytes(new org.socketlab.websocket.extension.MessageDeflater(true, -1)
                .compress(ByteBuffer.wrap("Hello".getBytes(StandardCharsets.UTF_8))));
        say("\"Hello\" deflated, sync flush, 00 00 ff ff removed (RFC 7692 §7.2.3.1): " + HexDump.hex(ByteBuffer.wrap(hello), 0, hello.length));
        say("sent with RSV1 set on the frame — the bit that says \"this message is compressed\" (§6):");
        print(FrameDump.describe(new FrameEncoder(Role.SERVER, null)
                .encode(new Frame(true, true, false, false, Opcode.TEXT, ByteBuffer.wrap(hello)))));
        for (boolean random : new boolean[] {false, true}) {
            for (boolean takeover : new boolean[] {true, false}) {
                var ratio = org.socketlab.labs.compression.CompressionRatio.measure(500, random, takeover);
                say("%-12s %-22s %7d bytes plain → %7d compressed on the wire: %.2f×".formatted(ratio.payload(),
                        takeover ? "with context takeover" : "no context takeover", ratio.plainWireBytes(),
                        ratio.compressedWireBytes(), ratio.ratio()));
            }
        }
        observe("chat JSON repeats its keys, so the kept window (takeover) wins most; random bytes grow a little.");
    }

    private static void compressionCost() throws Exception {
        part("Part 7: what compression costs per connection — CPU and memory");
        var cpu = org.socketlab.labs.compression.CompressionCost.cpu(20_000);
        say("CPU per chat message: compress %.1f µs, inflate %.1f µs (this thread's CPU time, %d messages)"
                .formatted(cpu.compressNanos() / 1000, cpu.inflateNanos() / 1000, cpu.messages()));
        var memory = org.socketlab.labs.compression.CompressionCost.memory(500);
        say("resident memory per object after one 1 KiB message (%d objects):".formatted(memory.objects()));
        say("  deflater, context takeover: %7.0f bytes   released after the message: %7.0f bytes"
                .formatted(memory.deflaterTakeover(), memory.deflaterReleased()));
        say("  inflater, context takeover: %7.0f bytes   released after the message: %7.0f bytes"
                .formatted(memory.inflaterTakeover(), memory.inflaterReleased()));
        observe("takeover keeps zlib's window per connection for its whole life: that is why the server's default");
        observe("is server_no_context_takeover, and why the chat also asks for client_no_context_takeover.");
    }

    private static void compressionBomb() throws Exception {
        part("Part 8: a compression bomb, stopped by close code 1009 on the wire");
        var result = org.socketlab.labs.compression.BombOnTheWire.run(10_000_000);
        say("the client sent %,d zero bytes, deflated; the server's limit is %,d bytes. The tap saw:"
                .formatted(result.bombBytes(), org.socketlab.labs.compression.BombOnTheWire.LIMIT));
        result.tapLines().stream().filter(line -> line.contains("extensions accepted") || line.contains("| frame @")
                || line.contains("compressed, permessage-deflate") || line.contains("close code"))
                .forEach(line -> say(line.length() > 150 ? line.substring(0, 150) + " …" : line));
        observe("the client was closed with " + result.closeSeenByClient().code() + " " + result.closeSeenByClient().reason());
    }

    // ---------------------------------------------------------------- small helpers

    private static String describe(ProtocolEvent event) {
        return switch (event) {
            case ProtocolEvent.TextMessage text -> "TextMessage \"" + text.text() + "\"";
            case ProtocolEvent.PingReceived ping -> "PingReceived \"" + StandardCharsets.UTF_8.decode(ping.payload().duplicate()) + "\"";
            default -> event.toString();
        };
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    static ByteBuffer concat(List<ByteBuffer> buffers) {
        ByteBuffer all = ByteBuffer.allocate(buffers.stream().mapToInt(ByteBuffer::remaining).sum());
        buffers.forEach(buffer -> all.put(buffer.duplicate()));
        return all.flip();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static void part(String title) {
        System.out.println();
        System.out.println(title);
        System.out.println("-".repeat(title.length()));
    }

    private static void say(String text) {
        System.out.println("       " + text);
    }

    private static void observe(String text) {
        System.out.println("   => " + text);
    }

    private static void print(String block) {
        block.lines().forEach(line -> System.out.println("         " + line));
    }
}
