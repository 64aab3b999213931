package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.socketlab.websocket.testing.RawWebSocket.RawFrame;

/**
 * Autobahn|Testsuite section 6 (UTF-8 handling, RFC 6455 §5.6 and §8.1) against the running echo
 * server: each sequence is sent whole and in one-byte fragments; valid text must come back
 * unchanged, invalid text must be answered with 1007 — and, in fragments, no later than the
 * fragment where the text stops being valid (fail-fast: the rest is never sent).
 */
@Timeout(30)
class ServerUtf8ConformanceTest extends RawEchoServerTest {

    ServerUtf8ConformanceTest() {
        super(1 << 20);
    }

    /** Valid UTF-8, from Autobahn 6.2–6.9, 6.11, 6.22, 6.23 (hex). */
    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("6.2 Hello-µ@ßöäüàá-UTF-8!!", "48656c6c6f2dc2b540c39fc3b6c3a4c3bcc3a0c3a12d5554462d382121"),
                Arguments.of("6.5 kosme", "cebae1bdb9cf83cebcceb5"),
                Arguments.of("6.7.1 U+0000", "00"),
                Arguments.of("6.7.2 U+0080", "c280"),
                Arguments.of("6.7.3 U+0800", "e0a080"),
                Arguments.of("6.7.4 U+10000", "f0908080"),
                Arguments.of("6.9.1 U+007F", "7f"),
                Arguments.of("6.9.2 U+07FF", "dfbf"),
                Arguments.of("6.9.3 U+FFFF", "efbfbf"),
                Arguments.of("6.9.4 U+10FFFF", "f48fbfbf"),
                Arguments.of("6.11.1 U+D7FF", "ed9fbf"),
                Arguments.of("6.11.2 U+E000", "ee8080"),
                Arguments.of("6.11.3 U+FFFD", "efbfbd"),
                Arguments.of("6.22 noncharacter U+FFFE", "efbfbe"),
                Arguments.of("6.22 noncharacter U+1FFFF", "f09fbfbf"),
                Arguments.of("6.23 replacement char", "efbfbd"));
    }

    /** Invalid UTF-8, from Autobahn 6.3, 6.6, 6.8, 6.10, 6.12–6.21 (hex). */
    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("6.3 kosme + surrogate + 'edited'", "cebae1bdb9cf83cebcceb5eda080656469746564"),
                Arguments.of("6.8.1 5-byte sequence", "f888808080"),
                Arguments.of("6.8.2 6-byte sequence", "fc8480808080"),
                Arguments.of("6.10.1 beyond U+10FFFF", "f7bfbfbf"),
                Arguments.of("6.11.5 U+110000", "f4908080"),
                Arguments.of("6.12.1 lone continuation 0x80", "80"),
                Arguments.of("6.12.2 lone continuation 0xBF", "bf"),
                Arguments.of("6.12.8 continuation run", "80bf80bf80bf"),
                Arguments.of("6.13.1 lonely start 2-byte", "c020"),
                Arguments.of("6.13.2 lonely start 3-byte", "e020"),
                Arguments.of("6.13.3 lonely start 4-byte", "f020"),
                Arguments.of("6.14.1 2-byte, last byte missing", "c0"),
                Arguments.of("6.14.3 3-byte, last byte missing", "e080"),
                Arguments.of("6.14.6 truncated U+07FF", "df"),
                Arguments.of("6.14.8 truncated U+10FFFF", "f48fbf"),
                Arguments.of("6.15 concatenated truncations", "c0e080f08080f8808080fc80808080dfefbff7bfbffbbfbfbffdbfbfbfbf"),
                Arguments.of("6.16.1 impossible 0xFE", "fe"),
                Arguments.of("6.16.2 impossible 0xFF", "ff"),
                Arguments.of("6.16.3 impossible run", "fefeffff"),
                Arguments.of("6.17.1 overlong '/' 2-byte", "c0af"),
                Arguments.of("6.17.2 overlong '/' 3-byte", "e080af"),
                Arguments.of("6.17.3 overlong '/' 4-byte", "f08080af"),
                Arguments.of("6.18.1 max overlong 2-byte", "c1bf"),
                Arguments.of("6.18.2 max overlong 3-byte", "e09fbf"),
                Arguments.of("6.18.3 max overlong 4-byte", "f08fbfbf"),
                Arguments.of("6.19.1 overlong NUL 2-byte", "c080"),
                Arguments.of("6.19.2 overlong NUL 3-byte", "e08080"),
                Arguments.of("6.20.1 lone surrogate U+D800", "eda080"),
                Arguments.of("6.20.4 lone surrogate U+DBFF", "edafbf"),
                Arguments.of("6.20.5 lone surrogate U+DC00", "edb080"),
                Arguments.of("6.20.7 lone surrogate U+DFFF", "edbfbf"),
                Arguments.of("6.21.1 surrogate pair", "eda080edb080"),
                Arguments.of("6.21.8 surrogate pair", "edafbfedbfbf"));
    }

    @ParameterizedTest(name = "{0}, whole")
    @MethodSource("valid")
    void validTextInOneFrame_isEchoed(String name, String hex) throws IOException {
        byte[] text = HexFormat.of().parseHex(hex);
        ws.sendFrame(0x1, text);
        assertThat(ws.readMessage().payload()).as(name).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}, one byte per fragment")
    @MethodSource("valid")
    void validTextInOneByteFragments_isEchoed(String name, String hex) throws IOException {
        byte[] text = HexFormat.of().parseHex(hex);
        sendInOneByteFragments(text, text.length);
        assertThat(ws.readMessage().payload()).as(name).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}, whole")
    @MethodSource("invalid")
    void invalidTextInOneFrame_closesWith1007(String name, String hex) throws IOException {
        ws.sendFrame(0x1, HexFormat.of().parseHex(hex));
        RawFrame close = ws.expectCloseAndTcpClose();
        assertThat(close.closeCode()).as(name).isEqualTo(1007);
    }

    @ParameterizedTest(name = "{0}, fail-fast in one-byte fragments")
    @MethodSource("invalid")
    void invalidTextInOneByteFragments_closesWith1007AtTheBadByte(String name, String hex) throws IOException {
        byte[] text = HexFormat.of().parseHex(hex);
        int valid = firstInvalidPrefixLength(text);
        // Send up to and including the first byte that makes the text invalid; if the text is
        // only invalid because it is truncated, the final (fin) fragment decides.
        sendInOneByteFragments(text, Math.min(text.length, valid + 1));
        RawFrame close = ws.expectCloseAndTcpClose();
        assertThat(close.closeCode()).as(name + " after " + Math.min(text.length, valid + 1) + " bytes").isEqualTo(1007);
    }

    private void sendInOneByteFragments(byte[] text, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            boolean fin = i == text.length - 1;
            ws.sendFrame(fin, 0, i == 0 ? 0x1 : 0x0, new byte[] {text[i]});
        }
    }

    /** Length of the longest prefix that could still become valid UTF-8 (the JDK's decoder as oracle). */
    private static int firstInvalidPrefixLength(byte[] text) {
        for (int length = 1; length <= text.length; length++) {
            if (!couldBeValidPrefix(Arrays.copyOf(text, length))) {
                return length - 1;
            }
        }
        return text.length;
    }

    private static boolean couldBeValidPrefix(byte[] prefix) {
        var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        var in = java.nio.ByteBuffer.wrap(prefix);
        var out = java.nio.CharBuffer.allocate(prefix.length * 2);
        var result = decoder.decode(in, out, false); // false: more input may follow
        return !result.isError();
    }
}
