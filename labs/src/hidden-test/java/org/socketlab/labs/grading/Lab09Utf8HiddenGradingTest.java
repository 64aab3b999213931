package org.socketlab.labs.grading;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.grading.GradingAssertions.Scenario;
import org.socketlab.websocket.frame.Utf8Validator;

/**
 * Lab 09 — hidden tests (instructor-only; never in a starter): UTF-8 validation of text
 * frames, RFC 6455 §8.1 and RFC 3629 §4. Run with
 * {@code Grade --hidden-tests labs/src/hidden-test/java}.
 */
@Timeout(10)
class Lab09Utf8HiddenGradingTest {

    private static final String GUIDE = "09-frames-and-masking.md";

    private static boolean feedInPieces(Utf8Validator validator, byte[] bytes) {
        boolean valid = true;
        for (byte b : bytes) {
            valid = validator.feed(ByteBuffer.wrap(new byte[] {b}));
        }
        return valid;
    }

    @Test
    @Points(2)
    @DisplayName("Your UTF-8 validator accepts \"κόσμε\" even when every byte arrives on its own")
    void validTextSplitAtEveryByte() {
        Scenario scenario = GradingAssertions.scenario("validate \"κόσμε\" one byte at a time", GUIDE, "Background");
        byte[] text = "κόσμε".getBytes(StandardCharsets.UTF_8);
        Utf8Validator validator = new Utf8Validator();
        boolean valid = scenario.step("feed the " + text.length + " bytes one at a time", () -> feedInPieces(validator, text));
        scenario.expectTrue("feed() returned false for valid UTF-8", valid,
                "a character may be split across frames or reads (RFC 6455 §5.6); the validator keeps its state");
        scenario.expectTrue("isCompleteSequence() is false after the last byte", validator.isCompleteSequence(),
                "the text ends on a character boundary");
    }

    @Test
    @Points(2)
    @DisplayName("Your UTF-8 validator rejects an encoded surrogate (ED A0 80) and an overlong '/' (C0 AF)")
    void surrogateAndOverlongAreRejected() {
        Scenario scenario = GradingAssertions.scenario("validate ED A0 80 and C0 AF", GUIDE, "Background");
        boolean surrogate = scenario.step("feed ED A0 80 (U+D800, a surrogate)",
                () -> new Utf8Validator().feed(ByteBuffer.wrap(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
        scenario.expectEquals("feed(ED A0 80)", false, surrogate,
                "RFC 3629 §3: surrogates U+D800..U+DFFF are not characters; the text frame fails with 1007");
        boolean overlong = scenario.step("feed C0 AF (an overlong '/')",
                () -> new Utf8Validator().feed(ByteBuffer.wrap(new byte[] {(byte) 0xC0, (byte) 0xAF})));
        scenario.expectEquals("feed(C0 AF)", false, overlong,
                "RFC 3629 §3: an overlong form is invalid (it once let \"../\" slip past filters)");
    }

    @Test
    @Points(1)
    @DisplayName("Your UTF-8 validator reports a character cut off at the end of the message")
    void truncatedCharacterIsIncomplete() {
        Scenario scenario = GradingAssertions.scenario("validate E2 82 (the first two bytes of '€')", GUIDE, "Background");
        Utf8Validator validator = new Utf8Validator();
        boolean valid = scenario.step("feed E2 82", () -> validator.feed(ByteBuffer.wrap(new byte[] {(byte) 0xE2, (byte) 0x82})));
        scenario.expectTrue("feed(E2 82) returned false, but a third byte could still complete it", valid,
                "the validator must not reject what a later fragment can complete");
        scenario.expectEquals("isCompleteSequence()", false, validator.isCompleteSequence(),
                "a text message that ends inside a character is invalid (RFC 6455 §8.1): close with 1007");
    }
}
