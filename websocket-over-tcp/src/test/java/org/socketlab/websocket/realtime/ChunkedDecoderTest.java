package org.socketlab.websocket.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.http.ChunkedEncoder;

/** RFC 9112 §7.1: the client side of the chunked transfer coding. */
@Timeout(5)
class ChunkedDecoderTest {

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void decodesWhatTheEncoderWrote_fedOneByteAtATime() throws ChunkedFormatException {
        ChunkedEncoder encoder = new ChunkedEncoder();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(encoder.encodeChunk("hello ".getBytes(StandardCharsets.UTF_8)));
        wire.writeBytes(encoder.encodeChunk("chunked world, a longer piece of data".getBytes(StandardCharsets.UTF_8)));
        ByteBuffer last = encoder.lastChunk();
        wire.write(last.array(), 0, last.remaining());
        ChunkedDecoder decoder = new ChunkedDecoder();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte b : wire.toByteArray()) {
            data.writeBytes(decoder.decode(ByteBuffer.wrap(new byte[] {b})));
        }
        assertThat(data.toString(StandardCharsets.UTF_8)).isEqualTo("hello chunked world, a longer piece of data");
        assertThat(decoder.isDone()).isTrue();
    }

    @Test
    void skipsExtensionsAndTrailers() throws ChunkedFormatException {
        ChunkedDecoder decoder = new ChunkedDecoder();
        byte[] data = decoder.decode(ascii("3;name=value\r\nabc\r\n0\r\nExpires: never\r\n\r\n"));
        assertThat(new String(data, StandardCharsets.US_ASCII)).isEqualTo("abc");
        assertThat(decoder.isDone()).isTrue();
    }

    @Test
    void bytesAfterTheLastChunkStayInTheBuffer() throws ChunkedFormatException {
        ByteBuffer in = ascii("1\r\nx\r\n0\r\n\r\nHTTP/1.1 200 OK");
        new ChunkedDecoder().decode(in);
        assertThat(in.remaining()).isEqualTo("HTTP/1.1 200 OK".length());
    }

    @Test
    void rejectsNonHexSizes_missingCrlf_andOversizedChunks() {
        assertThatThrownBy(() -> new ChunkedDecoder().decode(ascii("zz\r\n")))
                .isInstanceOf(ChunkedFormatException.class).hasMessageContaining("hexadecimal");
        assertThatThrownBy(() -> new ChunkedDecoder().decode(ascii("1\r\nxy")))
                .isInstanceOf(ChunkedFormatException.class).hasMessageContaining("CRLF");
        assertThatThrownBy(() -> new ChunkedDecoder(10).decode(ascii("ff\r\n")))
                .isInstanceOf(ChunkedFormatException.class).hasMessageContaining("255 bytes");
    }
}
