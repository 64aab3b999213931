package org.socketlab.tcp.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LineFramerTest {

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> decodeAll(MessageFramer framer, ByteBuffer in) throws FramingException {
        List<String> lines = new ArrayList<>();
        byte[] line;
        while ((line = framer.decode(in)) != null) {
            lines.add(new String(line, StandardCharsets.UTF_8));
        }
        return lines;
    }

    @Nested
    class Decoding {

        @Test
        void threeLinesInOneRead_comeOutAsThreeMessages() throws FramingException {
            LineFramer framer = new LineFramer();
            assertThat(decodeAll(framer, bytes("one\ntwo\nthree\n"))).containsExactly("one", "two", "three");
            assertThat(framer.bufferedBytes()).isZero();
        }

        @Test
        void bytesArrivingOneAtATime_formTheSameLines() throws FramingException {
            LineFramer framer = new LineFramer();
            List<String> lines = new ArrayList<>();
            for (byte b : "héllo\r\nworld\n".getBytes(StandardCharsets.UTF_8)) {
                lines.addAll(decodeAll(framer, ByteBuffer.wrap(new byte[] {b})));
            }
            assertThat(lines).containsExactly("héllo", "world");
        }

        @Test
        void incompleteLine_isKeptUntilItsNewlineArrives() throws FramingException {
            LineFramer framer = new LineFramer();
            ByteBuffer first = bytes("par");
            assertThat(framer.decode(first)).isNull();
            assertThat(first.hasRemaining()).as("all bytes consumed").isFalse();
            assertThat(framer.bufferedBytes()).isEqualTo(3);
            assertThat(framer.decode(bytes("tial\nnext"))).asString().isEqualTo("partial");
        }

        @Test
        void emptyLine_isAnEmptyMessage() throws FramingException {
            assertThat(new LineFramer().decode(bytes("\n"))).isEmpty();
        }
    }

    @Nested
    class MaximumSize {

        @Test
        void lineOfExactlyTheMaximum_isAccepted() throws FramingException {
            assertThat(new LineFramer(5).decode(bytes("12345\r\n"))).asString().isEqualTo("12345");
        }

        @Test
        void endlessLine_isRejectedAsSoonAsItPassesTheMaximum() throws FramingException {
            LineFramer framer = new LineFramer(8);
            assertThat(framer.decode(bytes("1234"))).isNull();
            assertThatThrownBy(() -> framer.decode(bytes("567890")))
                    .isInstanceOf(FramingException.class)
                    .hasMessage("line is longer than 8 bytes (already 10 bytes without a newline);"
                            + " the maximum is 8 (line framing)");
            assertThatThrownBy(() -> framer.decode(bytes("\n")))
                    .as("a failed framer stays failed").isInstanceOf(FramingException.class);
        }

        @Test
        void completeLineOverTheMaximum_isRejected() {
            assertThatThrownBy(() -> new LineFramer(3).decode(bytes("abcd\n")))
                    .isInstanceOf(FramingException.class).hasMessageContaining("the maximum is 3 (line framing)");
        }

        @Test
        void oneByteOverTheMaximumWithoutNewline_isRejected() {
            assertThatThrownBy(() -> new LineFramer(16).decode(ByteBuffer.wrap(new byte[17])))
                    .isInstanceOf(FramingException.class).hasMessageContaining("already 17 bytes");
        }

        @Test
        void crlfSplitAcrossReadsAfterAMaximumLine_isAccepted() throws FramingException {
            LineFramer framer = new LineFramer(5);
            assertThat(framer.decode(bytes("12345\r"))).isNull();
            assertThat(framer.decode(bytes("\n"))).asString().isEqualTo("12345");
        }
    }

    @Nested
    class Encoding {

        @Test
        void appendsNewline() {
            ByteBuffer encoded = new LineFramer().encode("hi".getBytes(StandardCharsets.UTF_8));
            assertThat(StandardCharsets.UTF_8.decode(encoded).toString()).isEqualTo("hi\n");
        }

        @Test
        void rejectsEmbeddedNewlineAndOversizedLines() {
            assertThatThrownBy(() -> new LineFramer().encode("a\nb".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new LineFramer(2).encode(new byte[3]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum is 2");
        }
    }
}
