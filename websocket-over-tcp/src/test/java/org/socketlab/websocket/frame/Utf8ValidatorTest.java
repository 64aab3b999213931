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

    /** The first bad byte as seen by whole-array feeds (the fast paths run): the shortest failing prefix. */
    private static int firstRejectedByteInOneFeed(byte[] bytes) {
        for (int length = 1; length <= bytes.length; length++) {
            if (!new Utf8Validator().feed(bytes, 0, length)) {
                return length - 1;
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
            assertThat(firstRejectedByteInOneFeed(Hex.bytes(hex))).as("in one feed").isEqualTo(expectedIndex);
            assertThat(Utf8Reference.firstInvalidByte(Hex.bytes(hex))).as("reference").isEqualTo(expectedIndex);
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

    // --- the fast paths agree with the obvious reference (STYLE habit 10) ---

    @Property(tries = 3000)
    void fastValidator_agreesWithTheReference_onTheFirstBadByte_atAnySplit(
            @ForAll("textWithFlaws") byte[] bytes, @ForAll @IntRange(min = 0, max = 200) int cut) {
        int expected = Utf8Reference.firstInvalidByte(bytes);
        int fastIndex = firstRejectedByteInOneFeed(bytes);
        assertThat(fastIndex == -1 ? bytes.length : fastIndex).as("first bad byte, one feed").isEqualTo(expected);
        int at = Math.min(cut, bytes.length);
        Utf8Validator split = new Utf8Validator();
        boolean ok = split.feed(bytes, 0, at) && split.feed(bytes, at, bytes.length);
        assertThat(ok).as("valid so far, split at %d", at).isEqualTo(expected == bytes.length);
        assertThat(ok && split.isCompleteSequence()).as("complete").isEqualTo(Utf8Reference.isComplete(bytes));
    }

    @Property(tries = 1000)
    void reference_agreesWithTheJdk(@ForAll("textWithFlaws") byte[] bytes) {
        assertThat(Utf8Reference.isComplete(bytes)).isEqualTo(jdkAccepts(bytes));
    }

    /** Real text in 1-4 byte characters (long enough for the fast paths), with a flaw now and then. */
    @Provide
    Arbitrary<byte[]> textWithFlaws() {
        Arbitrary<String> characters = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withCharRange('α', 'ω').ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().withCharRange('가', '힣').ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("😀", "🚀", "𝄞", "\uFFFD", "\u07FF", "\u0800", "\uD7FF", "\uE000", "\uDBFF\uDFFF"));
        Arbitrary<byte[]> flaw = utf8ish().map(b -> b.length > 3 ? java.util.Arrays.copyOf(b, 3) : b);
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, characters.map(t -> t.getBytes(StandardCharsets.UTF_8))),
                net.jqwik.api.Tuple.of(1, flaw));
        return piece.list().ofMaxSize(12).map(pieces -> {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            pieces.forEach(out::writeBytes);
            return out.toByteArray();
        });
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
