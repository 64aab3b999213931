package org.socketlab.websocket.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An incremental UTF-8 validator (RFC 3629 §4, required for text frames by RFC 6455 §8.1).
 * It is a hand-written deterministic automaton over byte classes: it rejects at the first byte
 * that no valid UTF-8 text could continue with — an overlong form (C0, C1, E0 80..9F,
 * F0 80..8F), a surrogate (ED A0..BF), a code point above U+10FFFF (F4 90.., F5..FF) or a stray
 * continuation byte. A message that ends inside a multi-byte sequence is caught by
 * {@link #isCompleteSequence()}. Because its state survives between calls, a character may be
 * split across any number of fragments or reads.
 *
 * <p>Three speeds, all with the same verdict: runs of ASCII are skipped 32 and 8 bytes at a time,
 * whole multi-byte characters one branch each ({@link #wholeCharacters}), and the automaton
 * (one table step per byte) takes the rest: characters split across chunks and bad bytes.
 * {@link Utf8Reference} is the obvious decoder they are tested against. Not thread-safe.
 */
public final class Utf8Validator {

    /* States of the automaton: what the bytes seen so far still require. */
    private static final int ACCEPT = 0;     // between characters
    private static final int REJECT = 1;     // invalid; sticky
    private static final int NEED_1 = 2;     // one continuation byte 80..BF
    private static final int NEED_2 = 3;     // two continuation bytes
    private static final int NEED_3 = 4;     // three continuation bytes
    private static final int AFTER_E0 = 5;   // next is A0..BF (else overlong)
    private static final int AFTER_ED = 6;   // next is 80..9F (else a surrogate D800..DFFF)
    private static final int AFTER_F0 = 7;   // next is 90..BF (else overlong)
    private static final int AFTER_F4 = 8;   // next is 80..8F (else above U+10FFFF)
    private static final int STATES = 9;

    /* Byte classes: bytes that every state treats alike. */
    private static final int ASCII = 0;       // 00..7F
    private static final int CONT_80 = 1;     // 80..8F
    private static final int CONT_90 = 2;     // 90..9F
    private static final int CONT_A0 = 3;     // A0..BF
    private static final int NEVER = 4;       // C0, C1, F5..FF: never valid in UTF-8
    private static final int LEAD_2 = 5;      // C2..DF
    private static final int LEAD_E0 = 6;
    private static final int LEAD_3 = 7;      // E1..EC, EE, EF
    private static final int LEAD_ED = 8;
    private static final int LEAD_F0 = 9;
    private static final int LEAD_4 = 10;     // F1..F3
    private static final int LEAD_F4 = 11;
    private static final int CLASSES = 12;

    private static final byte[] CLASS_OF = new byte[256];
    private static final byte[] NEXT = new byte[STATES * CLASSES];
    /**
     * NEXT composed with CLASS_OF, indexed by {@code state << 8 | byte}: one table load per byte on
     * the hot path instead of two dependent ones (9 × 256 bytes, it stays in L1).
     */
    private static final byte[] NEXT_BY_BYTE = new byte[STATES << 8];

    private static final VarHandle LONG_ARRAY =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    static {
        for (int b = 0; b < 256; b++) {
            CLASS_OF[b] = (byte) classify(b);
        }
        Arrays.fill(NEXT, (byte) REJECT);
        from(ACCEPT, ASCII, ACCEPT);
        from(ACCEPT, LEAD_2, NEED_1);
        from(ACCEPT, LEAD_E0, AFTER_E0);
        from(ACCEPT, LEAD_3, NEED_2);
        from(ACCEPT, LEAD_ED, AFTER_ED);
        from(ACCEPT, LEAD_F0, AFTER_F0);
        from(ACCEPT, LEAD_4, NEED_3);
        from(ACCEPT, LEAD_F4, AFTER_F4);
        for (int cont : new int[] {CONT_80, CONT_90, CONT_A0}) {
            from(NEED_1, cont, ACCEPT);
            from(NEED_2, cont, NEED_1);
            from(NEED_3, cont, NEED_2);
            from(AFTER_F0, cont == CONT_80 ? -1 : cont, NEED_2);
        }
        from(AFTER_E0, CONT_A0, NEED_1);
        from(AFTER_ED, CONT_80, NEED_1);
        from(AFTER_ED, CONT_90, NEED_1);
        from(AFTER_F4, CONT_80, NEED_2);
        for (int state = 0; state < STATES; state++) {
            for (int b = 0; b < 256; b++) {
                NEXT_BY_BYTE[state << 8 | b] = NEXT[state * CLASSES + CLASS_OF[b]];
            }
        }
    }

    private int state = ACCEPT;

    private static int classify(int b) {
        if (b < 0x80) return ASCII;
        if (b < 0x90) return CONT_80;
        if (b < 0xA0) return CONT_90;
        if (b < 0xC0) return CONT_A0;
        if (b < 0xC2) return NEVER;
        if (b < 0xE0) return LEAD_2;
        if (b == 0xE0) return LEAD_E0;
        if (b == 0xED) return LEAD_ED;
        if (b < 0xF0) return LEAD_3;
        if (b == 0xF0) return LEAD_F0;
        if (b < 0xF4) return LEAD_4;
        if (b == 0xF4) return LEAD_F4;
        return NEVER;
    }

    private static void from(int state, int byteClass, int next) {
        if (byteClass >= 0) {
            NEXT[state * CLASSES + byteClass] = (byte) next;
        }
    }

    /**
     * Validates {@code bytes.position()..limit()} as the continuation of everything fed before.
     * The buffer's position is not moved.
     *
     * @return false as soon as a byte makes the text invalid; the validator then stays invalid
     *         until {@link #reset()}
     */
    public boolean feed(ByteBuffer bytes) {
        // BEGIN SOLUTION lab=09 task="validate UTF-8 incrementally: feed the bytes through the automaton (RFC 3629 §4)"
        if (state == REJECT) {
            return false;
        }
        if (bytes.hasArray()) {
            int offset = bytes.arrayOffset();
            state = run(bytes.array(), offset + bytes.position(), offset + bytes.limit(), state);
        } else {
            int s = state;
            for (int i = bytes.position(), end = bytes.limit(); i < end && s != REJECT; i++) {
                s = NEXT_BY_BYTE[s << 8 | (bytes.get(i) & 0xFF)];
            }
            state = s;
        }
        return state != REJECT;
        // END SOLUTION
    }

    /** {@link #feed(ByteBuffer)} for {@code bytes[from, to)} (absolute indexes; position untouched). */
    public boolean feed(ByteBuffer bytes, int from, int to) {
        if (bytes.hasArray()) {
            int offset = bytes.arrayOffset();
            return feed(bytes.array(), offset + from, offset + to);
        }
        return feed(bytes.slice(from, to - from));
    }

    /** {@link #feed(ByteBuffer)} for part of an array. */
    public boolean feed(byte[] bytes, int from, int to) {
        if (state != REJECT) {
            state = run(bytes, from, to, state);
        }
        return state != REJECT;
    }

    private static int run(byte[] bytes, int from, int to, int s) {
        // BEGIN SOLUTION lab=09 task="run the UTF-8 automaton over an array, skipping ASCII quickly (RFC 3629 §4)"
        int i = from;
        while (i < to) {
            if (s == ACCEPT) {
                // ASCII fast path: no byte of the words has its high bit set; 32 bytes, then 8, per step.
                while (i < to - 31 && ((orOfFourWords(bytes, i)) & HIGH_BITS) == 0) {
                    i += 32;
                }
                while (i < to - 7 && ((long) LONG_ARRAY.get(bytes, i) & HIGH_BITS) == 0) {
                    i += 8;
                }
                i = wholeCharacters(bytes, i, to);
                if (i == to) {
                    break;
                }
            }
            // The automaton: a character cut by the end of a previous chunk, or a bad byte.
            s = NEXT_BY_BYTE[s << 8 | (bytes[i] & 0xFF)];
            if (s == REJECT) {
                break;
            }
            i++;
        }
        return s;
        // END SOLUTION
    }

    /**
     * Multi-byte fast path: from a character boundary, skips whole valid characters (one branch
     * per character, as the JDK's decoder does, instead of one table step per byte) while four
     * bytes remain. Returns at the first sequence it cannot vouch for — a bad byte, a long ASCII
     * run, or the last three bytes — and leaves that to the automaton, which rejects at exactly
     * the first bad byte. Bytes are compared signed: continuations 80..BF are -128..-65.
     */
    private static int wholeCharacters(byte[] bytes, int i, int to) {
        int limit = to - 3;
        while (i < limit) {
            int b0 = bytes[i];
            if (b0 >= 0) {
                if (i < to - 7 && ((long) LONG_ARRAY.get(bytes, i) & HIGH_BITS) == 0) {
                    return i; // eight ASCII bytes or more: the word-at-a-time loop is faster
                }
                i++;
                continue;
            }
            int b1 = bytes[i + 1];
            if (b1 > (byte) 0xBF) {
                return i; // every multi-byte character continues with 80..BF
            }
            if (b0 < (byte) 0xE0) {
                if (b0 < (byte) 0xC2) {
                    return i; // a stray continuation, or C0/C1 (overlong)
                }
                i += 2;
            } else if (b0 < (byte) 0xF0) {
                if (bytes[i + 2] > (byte) 0xBF
                        || (b0 == (byte) 0xE0 && b1 < (byte) 0xA0)     // overlong
                        || (b0 == (byte) 0xED && b1 > (byte) 0x9F)) {  // surrogate
                    return i;
                }
                i += 3;
            } else {
                if (b0 > (byte) 0xF4 || bytes[i + 2] > (byte) 0xBF || bytes[i + 3] > (byte) 0xBF
                        || (b0 == (byte) 0xF0 && b1 < (byte) 0x90)     // overlong
                        || (b0 == (byte) 0xF4 && b1 > (byte) 0x8F)) {  // above U+10FFFF
                    return i;
                }
                i += 4;
            }
        }
        return i;
    }

    /** The four words at {@code i .. i + 31} OR-ed together: one high-bit test covers 32 bytes. */
    private static long orOfFourWords(byte[] bytes, int i) {
        return (long) LONG_ARRAY.get(bytes, i) | (long) LONG_ARRAY.get(bytes, i + 8)
                | (long) LONG_ARRAY.get(bytes, i + 16) | (long) LONG_ARRAY.get(bytes, i + 24);
    }

    /** True when no character is cut off: a text message may end here (RFC 6455 §8.1). */
    public boolean isCompleteSequence() {
        return state == ACCEPT;
    }

    /** True once an invalid byte was seen. */
    public boolean isInvalid() {
        return state == REJECT;
    }

    /** Forgets everything; ready for a new message. */
    public void reset() {
        state = ACCEPT;
    }

    /** Whether these bytes are complete, valid UTF-8 on their own. */
    public static boolean isValid(ByteBuffer bytes) {
        Utf8Validator validator = new Utf8Validator();
        return validator.feed(bytes) && validator.isCompleteSequence();
    }
}
