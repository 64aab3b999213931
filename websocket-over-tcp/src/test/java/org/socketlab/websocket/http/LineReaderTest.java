package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 9112 §2.2 line ends under the three policies of the one line reader. */
class LineReaderTest {

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static List<String> lines(LineReader reader, String text) throws LineReader.LineException {
        List<String> out = new ArrayList<>();
        ByteBuffer in = ascii(text);
        LineReader.Line line;
        while ((line = reader.read(in)) != null) {
            out.add(line.text() + (line.bareLf() ? "<LF>" : "") + (line.truncated() ? "<CUT>" : ""));
        }
        return out;
    }

    @Test
    void strict_acceptsCrlf_andRefusesBareLfAndBareCr() throws Exception {
        assertThat(lines(new LineReader(LineReader.Policy.STRICT_CRLF, 100), "a\r\nbc\r\n\r\n")).containsExactly("a", "bc", "");
        assertThatThrownBy(() -> new LineReader(LineReader.Policy.STRICT_CRLF, 100).read(ascii("a\n")))
                .isInstanceOfSatisfying(LineReader.LineException.class,
                        e -> assertThat(e.fault()).isEqualTo(LineReader.Fault.BARE_LF));
        assertThatThrownBy(() -> new LineReader(LineReader.Policy.STRICT_CRLF, 100).read(ascii("a\rb")))
                .isInstanceOfSatisfying(LineReader.LineException.class,
                        e -> assertThat(e.fault()).isEqualTo(LineReader.Fault.BARE_CR));
    }

    @Test
    void theLimitCountsTheLineEnd_andIsCheckedBeforeTheByteIsKept() throws Exception {
        assertThat(lines(new LineReader(LineReader.Policy.STRICT_CRLF, 5), "abc\r\n")).containsExactly("abc");
        assertThatThrownBy(() -> new LineReader(LineReader.Policy.STRICT_CRLF, 5).read(ascii("abcd\r\n")))
                .isInstanceOfSatisfying(LineReader.LineException.class, e -> {
                    assertThat(e.fault()).isEqualTo(LineReader.Fault.TOO_LONG);
                    assertThat(e.limit()).isEqualTo(5);
                });
        assertThatThrownBy(() -> new LineReader(LineReader.Policy.LENIENT_LF_LIMITED, 3).read(ascii("abcd")))
                .isInstanceOf(LineReader.LineException.class);
    }

    @Test
    void lenient_acceptsBareLf_keepsALoneCr_andCutsLongLines() throws Exception {
        LineReader reader = new LineReader(LineReader.Policy.LENIENT_LF, 4);
        assertThat(lines(reader, "a\nb\r\nc\rd\nabcdefgh\r\nx\n"))
                .containsExactly("a<LF>", "b", "c\rd<LF>", "abcd<CUT>", "x<LF>");
    }

    @Test
    void aLineSplitAnywhere_isTheSameLine() throws Exception {
        String wire = "GET / HTTP/1.1\r\n";
        for (int cut = 0; cut < wire.length(); cut++) {
            LineReader reader = new LineReader(LineReader.Policy.STRICT_CRLF, 100);
            assertThat(reader.read(ascii(wire.substring(0, cut)))).as("cut at %d", cut).isNull();
            LineReader.Line line = reader.read(ascii(wire.substring(cut)));
            assertThat(line.text()).as("cut at %d", cut).isEqualTo("GET / HTTP/1.1");
            assertThat(line.wireLength()).isEqualTo(wire.length());
        }
    }
}
