package org.socketlab.websocket.frame;

/**
 * The obvious UTF-8 check, written as RFC 3629 §3-§4 state it: decode each character's code
 * point and reject overlong forms, surrogates (U+D800..U+DFFF) and values above U+10FFFF. It is
 * the reference {@link Utf8Validator} is tested against (STYLE habit 10): slow, and plainly right.
 * Stateless, thread-safe.
 */
public final class Utf8Reference {

    private Utf8Reference() {
    }

    /**
     * The index of the first byte at which no valid UTF-8 text could continue; {@code bytes.length}
     * when all bytes are valid (the text may still end inside a character: see {@link #isComplete}).
     */
    public static int firstInvalidByte(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int lead = bytes[i] & 0xFF;
            int length = lead < 0x80 ? 1 : lead >= 0xC0 && lead < 0xE0 ? 2 : lead >= 0xE0 && lead < 0xF0 ? 3
                    : lead >= 0xF0 && lead < 0xF8 ? 4 : 0;
            if (length == 0) {
                return i; // a continuation byte, or F8..FF
            }
            int codePoint = length == 1 ? lead : lead & (0x7F >> length);
            if (length > 1 && !canStillBeValid(codePoint, length, 0)) {
                return i; // C0, C1 (always overlong) or F5..F7 (always above U+10FFFF)
            }
            for (int k = 1; k < length; k++) {
                if (i + k == bytes.length) {
                    return bytes.length; // cut off: valid so far
                }
                int next = bytes[i + k] & 0xFF;
                if ((next & 0xC0) != 0x80) {
                    return i + k;
                }
                codePoint = codePoint << 6 | (next & 0x3F);
                if (!canStillBeValid(codePoint, length, k)) {
                    return i + k;
                }
            }
            i += length;
        }
        return bytes.length;
    }

    /** True when the bytes are valid UTF-8 and do not end inside a character. */
    public static boolean isComplete(byte[] bytes) {
        if (firstInvalidByte(bytes) != bytes.length) {
            return false;
        }
        int i = 0;
        while (i < bytes.length) {
            int lead = bytes[i] & 0xFF;
            i += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        }
        return i == bytes.length;
    }

    /**
     * After {@code k} continuation bytes of a {@code length}-byte form, can the code point still end
     * valid? The leading bits decide: too small (overlong), a surrogate, or above U+10FFFF.
     */
    private static boolean canStillBeValid(int partial, int length, int k) {
        int missingBits = 6 * (length - 1 - k);
        int smallest = partial << missingBits;
        int largest = smallest | ((1 << missingBits) - 1);
        int minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        if (largest < minimum || smallest > 0x10FFFF) {
            return false;
        }
        return !(smallest >= 0xD800 && largest <= 0xDFFF);
    }
}
