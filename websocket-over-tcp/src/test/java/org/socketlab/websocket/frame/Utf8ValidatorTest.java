package org.socketlab.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8ValidatorTest {

    /** Index of the byte at which the validator first says "invalid", or -1. */
    private static int firstRejectedByte(byte[] bytes) {
        Utf8Validator validator = new Utf8Validator();
        for (int i = 0; i < bytes.length; i++) {
            if (!validator.feed(ByteBuffer.wrap(bytes, i, 1))) {
                return i;
            }
        }
        return -1;
    }

    @Nested
    class ValidText {

        @ParameterizedTest
        @CsvSource({"''", "Hello", "κόσμε", "日本語のテキスト", "😀 emoji", "mixed ascii and ü and 𝄞 clef"})
        void validStrings_areAccepted(String text) {
            assertThat(Utf8Validator.isValid(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))).isTrue();
        }

        @Test
        void boundaryCodePoints_areAccepted() {
            // U+0000, U+007F, U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF
            String hex = "00 7f c280 dfbf e0a080 ed9fbf ee8080 efbfbf f0908080 f48fbfbf";
            assertThat(Utf8Validator.isValid(Hex.buffer(hex))).isTrue();
        }

        @Test
        void characterSplitAcrossFeeds_isAccepted() {
            Utf8Validator validator = new Utf8Validator();
            byte[] clef = "𝄞".getBytes(StandardCharsets.UTF_8);
            for (byte b : clef) {
                assertThat(validator.feed(ByteBuffer.wrap(new byte[] {b}))).isTrue();
            }
            assertThat(validator.isCompleteSequence()).isTrue();
        }

        @Test
        void feed_doesNotMoveThePosition() {
            ByteBuffer buf = ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII));
            new Utf8Validator().feed(buf);
            assertThat(buf.position()).isZero();
        }

        @Test
        void directBuffers_areValidatedToo() {
            ByteBuffer direct = ByteBuffer.allocateDirect(4).put(Hex.bytes("ed a0 80 41")).flip();
            assertThat(new Utf8Validator().feed(direct)).isFalse();
        }
    }

    @Nested
    class FailFast {

        @ParameterizedTest(name = "{0}: rejected at byte {1}")
        @CsvSource({
            "'80', 0",                     // stray continuation byte
            "'c0 af', 0",                  // C0 only starts overlong forms
            "'c1 bf', 0",
            "'e0 80 af', 1",               // overlong 3-byte form of '/'
            "'e0 9f bf', 1",
            "'f0 80 80 af', 1",            // overlong 4-byte form
            "'ed a0 80', 1",               // U+D800, a surrogate
            "'ed bf bf', 1",               // U+DFFF
            "'f4 90 80 80', 1",            // U+110000, above the Unicode range
            "'f5 80 80 80', 0",            // F5..FF never occur
            "'ff', 0",
            "'ce ba e1 bd b9 ce bc ce b5 ed a0 80 65 64 69 74 65 64', 10", // Autobahn 6.4.x
            "'41 42 c2 41', 3",            // a lead byte followed by ASCII
        })
        void invalidSequences_areRejectedAtTheFirstBadByte(String hex, int expectedIndex) {
            assertThat(firstRejectedByte(Hex.bytes(hex))).isEqualTo(expectedIndex);
        }

        @Test
        void truncatedSequenceAtEnd_isNotComplete() {
            Utf8Validator validator = new Utf8Validator();
            assertThat(validator.feed(Hex.buffer("48 e2 82"))).isTrue();
            assertThat(validator.isCompleteSequence()).isFalse();
        }

        @Test
        void rejectionIsSticky_untilReset() {
            Utf8Validator validator = new Utf8Validator();
            assertThat(validator.feed(Hex.buffer("ff"))).isFalse();
            assertThat(validator.feed(Hex.buffer("41"))).isFalse();
            validator.reset();
            assertThat(validator.feed(Hex.buffer("41"))).isTrue();
            assertThat(validator.isCompleteSequence()).isTrue();
        }
    }

    // --- agrees with the JDK's strict decoder (top level: jqwik does not see @Nested) ---

    @Property(tries = 2000)
    void randomBytes_sameVerdictAsStrictCharsetDecoder(@ForAll("utf8ish") byte[] bytes) {
        assertThat(Utf8Validator.isValid(ByteBuffer.wrap(bytes))).isEqualTo(jdkAccepts(bytes));
    }

    @Property(tries = 500)
    void validTextSplitAnywhere_isAccepted(@ForAll String text, @ForAll @IntRange(min = 0, max = 1000) int cut) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!jdkAccepts(bytes)) {
            return; // unpaired surrogates in a Java String become '?', still valid; kept for safety
        }
        int at = Math.min(cut, bytes.length);
        Utf8Validator validator = new Utf8Validator();
        assertThat(validator.feed(ByteBuffer.wrap(bytes, 0, at))).isTrue();
        assertThat(validator.feed(ByteBuffer.wrap(bytes, at, bytes.length - at))).isTrue();
        assertThat(validator.isCompleteSequence()).isTrue();
    }

    @Property(tries = 500)
    void directAndHeapBuffers_giveTheSameVerdict(@ForAll("utf8ish") byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        Utf8Validator viaDirect = new Utf8Validator();
        Utf8Validator viaHeap = new Utf8Validator();
        assertThat(viaDirect.feed(direct)).isEqualTo(viaHeap.feed(ByteBuffer.wrap(bytes)));
        assertThat(viaDirect.isCompleteSequence()).isEqualTo(viaHeap.isCompleteSequence());
    }

    @Provide
    Arbitrary<byte[]> utf8ish() {
        // Bias towards the interesting region: lead bytes, continuation bytes, ASCII.
        Arbitrary<Byte> interesting = Arbitraries.of(
                (byte) 0x41, (byte) 0x80, (byte) 0x8F, (byte) 0x90, (byte) 0x9F, (byte) 0xA0, (byte) 0xBF,
                (byte) 0xC0, (byte) 0xC1, (byte) 0xC2, (byte) 0xDF, (byte) 0xE0, (byte) 0xE1, (byte) 0xED,
                (byte) 0xEE, (byte) 0xEF, (byte) 0xF0, (byte) 0xF1, (byte) 0xF3, (byte) 0xF4, (byte) 0xF5,
                (byte) 0xFF);
        Arbitrary<Byte> any = Arbitraries.bytes();
        return Arbitraries.oneOf(interesting, any).array(byte[].class).ofMaxSize(24);
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            CharBuffer ignored = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return ignored != null;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
