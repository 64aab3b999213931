package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9112 §7.1: the one chunked decoder, its parts, its limits and its two line-end policies. */
class ChunkedDecoderTest {

    private static final ChunkedDecoder.Limits STRICT =
            new ChunkedDecoder.Limits(LineReader.Policy.STRICT_CRLF, 64, 1024, 4096, 64);

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static List<String> parts(ChunkedDecoder decoder, ByteBuffer in) throws ChunkedDecoder.ChunkedException {
        List<String> out = new ArrayList<>();
        ChunkedDecoder.Part part;
        while ((part = decoder.next(in)) != null) {
            out.add(switch (part) {
                case ChunkedDecoder.Part.SizeLine line -> "size " + line.size() + line.extension();
                case ChunkedDecoder.Part.Data data -> "data " + StandardCharsets.ISO_8859_1.decode(data.bytes());
                case ChunkedDecoder.Part.Trailer trailer -> "trailer " + trailer.line();
                case ChunkedDecoder.Part.End end -> "end";
            });
        }
        return out;
    }

    private static ChunkedDecoder.Fault fault(ChunkedDecoder.Limits limits, String wire) {
        ChunkedDecoder decoder = new ChunkedDecoder(limits);
        try {
            parts(decoder, ascii(wire));
        } catch (ChunkedDecoder.ChunkedException e) {
            return e.fault();
        }
        throw new AssertionError("expected a fault for " + wire + ", the decoder accepted it");
    }

    @Test
    void partsInWireOrder_extensionsAndTrailersIncluded_bytesAfterTheBodyLeftInTheBuffer() throws Exception {
        ByteBuffer in = ascii("3;a=b\r\nabc\r\n0\r\nExpires: never\r\n\r\nNEXT");
        ChunkedDecoder decoder = new ChunkedDecoder(STRICT);
        assertThat(parts(decoder, in)).containsExactly("size 3;a=b", "data abc", "size 0", "trailer Expires: never", "end");
        assertThat(decoder.isDone()).isTrue();
        assertThat(decoder.bodyBytes()).isEqualTo(3);
        assertThat(in.remaining()).as("bytes after the body").isEqualTo(4);
    }

    @Test
    void everyFault_isNamed() {
        assertThat(fault(STRICT, "zz\r\n")).isEqualTo(ChunkedDecoder.Fault.SIZE_NOT_HEX);
        assertThat(fault(STRICT, "1\r\nxy")).isEqualTo(ChunkedDecoder.Fault.DATA_NOT_FOLLOWED_BY_CRLF);
        assertThat(fault(STRICT, "1\nx\r\n")).isEqualTo(ChunkedDecoder.Fault.NOT_CRLF);
        assertThat(fault(STRICT, "401\r\n")).isEqualTo(ChunkedDecoder.Fault.CHUNK_TOO_LARGE);
        assertThat(fault(STRICT, "400\r\n" + "x".repeat(1024) + "\r\n400\r\n" + "x".repeat(1024) + "\r\n"
                + "400\r\n" + "x".repeat(1024) + "\r\n400\r\n" + "x".repeat(1024) + "\r\n1\r\n"))
                .isEqualTo(ChunkedDecoder.Fault.BODY_TOO_LARGE);
        assertThat(fault(STRICT, "0".repeat(70) + "\r\n")).isEqualTo(ChunkedDecoder.Fault.LINE_TOO_LONG);
        assertThat(fault(STRICT, "0\r\nA: " + "b".repeat(40) + "\r\nC: " + "d".repeat(40) + "\r\n"))
                .isEqualTo(ChunkedDecoder.Fault.TRAILERS_TOO_LARGE);
    }

    @Test
    void lenientPolicy_acceptsBareLfLineEnds() throws Exception {
        ChunkedDecoder decoder = new ChunkedDecoder(new ChunkedDecoder.Limits(LineReader.Policy.LENIENT_LF_LIMITED, 64, 1024, 4096, 64));
        assertThat(parts(decoder, ascii("2\nab\n0\n\n"))).containsExactly("size 2", "data ab", "size 0", "end");
    }

    @Test
    void fedOneByteAtATime_givesTheSameData() throws Exception {
        String wire = "5\r\nhello\r\n6;x\r\n world\r\n0\r\nT: v\r\n\r\n";
        ChunkedDecoder decoder = new ChunkedDecoder(STRICT);
        StringBuilder data = new StringBuilder();
        for (byte b : wire.getBytes(StandardCharsets.ISO_8859_1)) {
            for (String part : parts(decoder, ByteBuffer.wrap(new byte[] {b}))) {
                if (part.startsWith("data ")) {
                    data.append(part.substring(5));
                }
            }
        }
        assertThat(data).hasToString("hello world");
        assertThat(decoder.isDone()).isTrue();
    }
}
