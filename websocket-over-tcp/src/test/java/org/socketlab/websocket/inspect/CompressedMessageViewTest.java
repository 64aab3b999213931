package org.socketlab.websocket.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.tcp.wire.WireTap;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.demo.EchoServer;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.RecordingHandler;

/**
 * {@code inspect} shows a permessage-deflate message twice: as sent (RSV1 and the compressed
 * bytes) and inflated (the text), keeping one inflater per direction so that context takeover
 * (a later message referring back to an earlier one, RFC 7692 §7.2.3.2) decodes too.
 */
@Timeout(60)
class CompressedMessageViewTest {

    /** How the dissector shows CHAT inflated (the preview is cut after 64 characters). */
    private static final String INFLATED_CHAT = "  inflated message: \"{\\\"type\\\":\\\"message\\\"";
    private static final String CHAT = "{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"ada\",\"text\":\"hello, compressed world\"}";

    /** A server frame carrying {@code payload} with RSV1 (first frame of a compressed text message). */
    private static ByteBuffer compressedTextFrame(byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(2 + payload.length);
        frame.put((byte) 0xC1).put((byte) payload.length).put(payload).flip();   // FIN, RSV1, text; 7-bit length
        return frame;
    }

    /** A message as permessage-deflate sends it: sync flush, 00 00 ff ff removed (RFC 7692 §7.2.1). */
    private static byte[] syncFlushed(Deflater deflater, String text) {
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[4096];
        int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        return java.util.Arrays.copyOf(out, length - 4);
    }

    /** A message ended by a block with BFINAL set (RFC 7692 §7.2.3.4): the DEFLATE stream ends with it. */
    private static byte[] finalBlock(Deflater deflater, String text) {
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        byte[] out = new byte[4096];
        return java.util.Arrays.copyOf(out, deflater.deflate(out));
    }

    @Nested
    class OneDirection {

        @Test
        void withContextTakeover_aMessageThatRefersBackToTheLastOne_isInflated() {
            Deflater sender = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            byte[] first = syncFlushed(sender, CHAT);
            byte[] second = syncFlushed(sender, CHAT);
            assertThat(second.length).as("the repeat is a back-reference into the kept window").isLessThan(first.length / 2);
            FrameDissector dissector = new FrameDissector(false, new Inflation(false), 0, false);
            List<String> out = new ArrayList<>();
            dissector.feed(compressedTextFrame(first), out);
            dissector.feed(compressedTextFrame(second), out);
            assertThat(out).filteredOn(line -> line.startsWith(INFLATED_CHAT)).hasSize(2);
            assertThat(out).noneMatch(line -> line.startsWith("!"));
        }

        @Test
        void aMessageEndingInAFinalBlock_doesNotStopTheNextMessageFromBeingInflated() {
            // RFC 7692 §7.2.3.4: a sender may end a message with BFINAL set; the next message then
            // starts a new DEFLATE stream even with context takeover, so the viewer must start one too.
            Deflater sender = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            byte[] first = finalBlock(sender, "first message, final block");
            sender.reset();
            byte[] second = syncFlushed(sender, "second message after a final block");
            FrameDissector dissector = new FrameDissector(false, new Inflation(false), 0, false);
            List<String> out = new ArrayList<>();
            dissector.feed(compressedTextFrame(first), out);
            dissector.feed(compressedTextFrame(second), out);
            assertThat(out).contains("  inflated message: \"first message, final block\"",
                    "  inflated message: \"second message after a final block\"");
        }
    }

    @Test
    void throughTheTap_ourClientAndServerWithTakeover_showEachMessageAsSentAndInflated() throws Exception {
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        WebSocketServer server = EchoServer.start("127.0.0.1", 0, "/", 1 << 20, EchoServer.CONFORMANCE_DEFLATE);
        try (WireTap tap = WireTap.builder().target(new InetSocketAddress(loopback, server.port()))
                .dissectors(HttpWebSocketDissector::new).output(output::add).start()) {
            RecordingHandler handler = new RecordingHandler();
            Session session = WebSocketClient.connect(URI.create("ws://127.0.0.1:" + tap.port() + "/"), handler,
                    ClientOptions.defaults().permessageDeflate(EchoServer.CONFORMANCE_DEFLATE));
            for (int i = 0; i < 3; i++) {
                session.sendText(CHAT);
                assertThat(handler.nextMessage(Duration.ofSeconds(5))).isEqualTo(CHAT);
            }
            session.close(1000, "done");
            session.closeFuture().get();
            awaitLine(output, "closed: ");
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
        String text = String.join("\n", output);
        assertThat(text).as("tap output").contains("extensions accepted: permessage-deflate")
                .doesNotContain("| !");
        assertThat(occurrences(text, "RSV=100 opcode=0x1 TEXT")).as("frames shown with RSV1 set:%n%s", text).isEqualTo(6);
        assertThat(occurrences(text, "text (compressed, permessage-deflate)"))
                .as("compressed payloads shown as sent, 3 each way:%n%s", text).isEqualTo(6);
        assertThat(occurrences(text, INFLATED_CHAT.strip()))
                .as("inflated messages, 3 each way, the repeats through the kept window:%n%s", text).isEqualTo(6);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static void awaitLine(List<String> output, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (output) {
                if (output.stream().anyMatch(line -> line.contains(prefix))) {
                    return;
                }
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        throw new AssertionError("no line starting with \"" + prefix + "\" within 10 s:\n" + String.join("\n", output));
    }
}
