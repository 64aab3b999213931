package org.socketlab.websocket.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import org.junit.jupiter.params.provider.Arguments;
import org.socketlab.websocket.testing.RawWebSocket.RawFrame;

/**
 * The case table of the Autobahn|Testsuite's compression sections, shared by the server and the
 * client suites: 12.x sends many compressed messages of each size (some auto-fragmented) from
 * several kinds of data with context takeover; 13.x does the same with JSON under each
 * combination of offer and answer ({@code server_no_context_takeover}, window bits).
 *
 * <p>Autobahn sends 1,000 messages per case; we send up to 100 (at most 256 KiB per direction) so
 * the suite stays fast, which is still many times the 32 KiB window.
 */
public final class CompressionCases {

    /** One row of Autobahn's MSG_SIZES: payload length and auto-fragment size (0: one frame). */
    public record Size(int length, int fragment) {
        public int count() {
            return Math.max(4, Math.min(100, (256 * 1024) / Math.max(1, length)));
        }

        @Override
        public String toString() {
            return length + " B" + (fragment > 0 ? " in " + fragment + "-byte frames" : "");
        }
    }

    /** Autobahn's MSG_SIZES (case_12_x_x), in its order: 12.x.1 … 12.x.18. */
    public static final List<Size> SIZES = List.of(
            new Size(16, 0), new Size(64, 0), new Size(256, 0), new Size(1024, 0), new Size(4096, 0),
            new Size(8192, 0), new Size(16384, 0), new Size(32768, 0), new Size(65536, 0), new Size(131072, 0),
            new Size(8192, 256), new Size(16384, 256), new Size(32768, 256), new Size(65536, 256),
            new Size(131072, 256), new Size(131072, 1024), new Size(131072, 4096), new Size(131072, 32768));

    /** A subset for the 13.x parameter combinations: small, one window, above it, fragmented. */
    public static final List<Size> SIZES_13 = List.of(SIZES.get(0), SIZES.get(3), SIZES.get(6), SIZES.get(9),
            SIZES.get(13), SIZES.get(16));

    private static final Pattern EXTENSIONS = Pattern.compile("(?im)^Sec-WebSocket-Extensions:[ \\t]*(.*?)[ \\t]*\\r?$");

    private CompressionCases() {
    }

    /** Section 12's cases, named as Autobahn numbers them: 12.(corpus).(size), with the corpus and the size. */
    public static Stream<Arguments> section12() {
        List<Arguments> cases = new ArrayList<>();
        for (CompressionCorpus corpus : CompressionCorpus.values()) {
            for (int i = 0; i < SIZES.size(); i++) {
                cases.add(Arguments.of("12." + (corpus.ordinal() + 1) + "." + (i + 1), corpus, SIZES.get(i)));
            }
        }
        return cases.stream();
    }

    /** The {@code Sec-WebSocket-Extensions} values of an HTTP head, joined with ", "; null when absent. */
    public static String extensionsHeader(String head) {
        Matcher matcher = EXTENSIONS.matcher(head);
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values.isEmpty() ? null : String.join(", ", values);
    }

    /**
     * Sends one message as {@code sender} would: compressed (RSV1 on the first frame only, RFC 7692
     * §6.1) when {@code compressor} is given, split into frames of {@code fragment} bytes.
     */
    public static void send(RawWebSocket sender, boolean text, byte[] message, PeerDeflate.Compressor compressor,
                            int fragment) throws IOException {
        byte[] payload = compressor == null ? message : compressor.compress(message);
        List<byte[]> frames = PeerDeflate.split(payload, fragment);
        for (int i = 0; i < frames.size(); i++) {
            boolean first = i == 0;
            int rsv = first && compressor != null ? 4 : 0;
            sender.sendFrame(i == frames.size() - 1, rsv, first ? (text ? 0x1 : 0x2) : 0x0, frames.get(i));
        }
    }

    /** A received message: its opcode, whether it was compressed, its wire payload size and its bytes. */
    public record Received(int opcode, boolean compressed, long wireBytes, byte[] message) {
    }

    /**
     * Reads one data message (frames until FIN) and inflates it when its first frame has RSV1.
     * Fails on RSV1 on a continuation frame (§6.1), on RSV1 when {@code decompressor} is null (no
     * extension agreed), and on RSV2/RSV3 always.
     */
    public static Received receive(RawWebSocket receiver, PeerDeflate.Decompressor decompressor)
            throws IOException, DataFormatException {
        List<byte[]> payloads = new ArrayList<>();
        RawFrame first = receiver.readFrame();
        if (first.opcode() == 0x8) {
            throw new AssertionError("expected a data message, got " + first + " (close code " + first.closeCode()
                    + " \"" + first.closeReason() + "\")");
        }
        check(first.rsv() == 0 || first.rsv() == 4 && decompressor != null,
                "RSV bits " + first.rsv() + " on the first frame " + first + (decompressor == null
                        ? " of a connection without permessage-deflate (RFC 6455 §5.2)" : " (RFC 7692 §6: only RSV1)"));
        payloads.add(first.payload());
        long wire = first.payload().length;
        RawFrame frame = first;
        while (!frame.fin()) {
            frame = receiver.readFrame();
            check(frame.opcode() == 0x0, "expected a continuation frame, got " + frame);
            check(frame.rsv() == 0, "RSV1 on a continuation frame " + frame + " (RFC 7692 §6.1)");
            payloads.add(frame.payload());
            wire += frame.payload().length;
        }
        boolean compressed = first.rsv() == 4;
        byte[] message = compressed ? decompressor.inflate(payloads) : concat(payloads);
        return new Received(first.opcode(), compressed, wire, message);
    }

    /** The verdict on one echo, Autobahn's wording: type, then length, then contents. */
    public static void checkEcho(int index, boolean text, byte[] sent, Received echo) {
        check(echo.opcode() == (text ? 0x1 : 0x2), "message " + index + ": echoed opcode 0x"
                + Integer.toHexString(echo.opcode()) + ", expected 0x" + (text ? 1 : 2));
        check(echo.message().length == sent.length, "message " + index + ": echoed length " + echo.message().length
                + ", expected " + sent.length);
        int mismatch = Arrays.mismatch(sent, echo.message());
        check(mismatch < 0, "message " + index + ": echoed contents differ at offset " + mismatch);
    }

    private static byte[] concat(List<byte[]> pieces) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
