package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChunkedEncoderTest {

    private static String ascii(ByteBuffer buffer) {
        return StandardCharsets.ISO_8859_1.decode(buffer).toString();
    }

    @Nested
    class Rfc9112Section7_1_ChunkedTransferCoding {

        @Test
        void chunkIsHexSizeCrlfDataCrlf() {
            ChunkedEncoder encoder = new ChunkedEncoder();
            assertThat(ascii(encoder.encodeChunk(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)))))
                    .isEqualTo("5\r\nhello\r\n");
            assertThat(new String(encoder.encodeChunk(new byte[26]), StandardCharsets.ISO_8859_1)).startsWith("1a\r\n");
        }

        @Test
        void lastChunkIsZeroCrlfCrlf_andEndsTheBody() {
            ChunkedEncoder encoder = new ChunkedEncoder();
            assertThat(ascii(encoder.lastChunk())).isEqualTo("0\r\n\r\n");
            assertThat(encoder.isFinished()).isTrue();
            assertThatThrownBy(() -> encoder.encodeChunk(new byte[1])).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(encoder::lastChunk).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void emptyDataWritesNothing_becauseAZeroChunkWouldEndTheBody() {
            assertThat(new ChunkedEncoder().encodeChunk(ByteBuffer.allocate(0)).remaining()).isZero();
        }

        @Test
        void consumesTheSourceBuffer() {
            ByteBuffer data = ByteBuffer.wrap(new byte[300]);
            ByteBuffer chunk = new ChunkedEncoder().encodeChunk(data);
            assertThat(data.hasRemaining()).isFalse();
            assertThat(chunk.remaining()).isEqualTo("12c\r\n".length() + 300 + 2);
        }
    }
}
