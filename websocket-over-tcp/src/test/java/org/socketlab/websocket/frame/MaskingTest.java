package org.socketlab.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MaskingTest {

    /** jqwik runs top-level properties only (it does not see JUnit's @Nested). */
    @Property(tries = 300)
    void applyEqualsApplySimple(@ForAll @Size(max = 300) byte[] data, @ForAll int key,
                                @ForAll @IntRange(min = 0, max = 1000) int maskOffset,
                                @ForAll @IntRange(min = 0, max = 9) int start) {
        int from = Math.min(start, data.length);
        ByteBuffer expected = FastPathAgreesWithSimpleLoop.region(data, from, data.length - from, false);
        ByteBuffer actual = FastPathAgreesWithSimpleLoop.region(data, from, data.length - from, false);
        Masking.applySimple(expected, key, maskOffset);
        Masking.apply(actual, key, maskOffset);
        assertThat(FastPathAgreesWithSimpleLoop.content(actual)).isEqualTo(FastPathAgreesWithSimpleLoop.content(expected));
    }


    @Nested
    class Rfc6455Section5_3 {

        @Test
        void helloMaskedWithRfcKey_matchesSection5_7Example() {
            // RFC 6455 §5.7: key 37 fa 21 3d masks "Hello" to 7f 9f 4d 51 58.
            ByteBuffer payload = ByteBuffer.wrap("Hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Masking.apply(payload, 0x37fa213d, 0);
            assertThat(Hex.of(payload)).isEqualTo("7f 9f 4d 51 58");
        }

        @Test
        void maskingTwice_restoresTheOriginal() {
            byte[] original = new byte[37];
            new Random(1).nextBytes(original);
            ByteBuffer buf = ByteBuffer.wrap(original.clone());
            Masking.apply(buf, 0xCAFEBABE, 3);
            Masking.apply(buf, 0xCAFEBABE, 3);
            assertThat(buf.array()).isEqualTo(original);
        }

        @Test
        void maskingInPieces_equalsMaskingAtOnce() {
            byte[] data = new byte[100];
            new Random(2).nextBytes(data);
            ByteBuffer whole = ByteBuffer.wrap(data.clone());
            Masking.applySimple(whole, 0x01020304, 0);
            ByteBuffer pieces = ByteBuffer.wrap(data.clone());
            Masking.apply(pieces.duplicate().position(0).limit(13), 0x01020304, 0);
            Masking.apply(pieces.duplicate().position(13).limit(50), 0x01020304, 13);
            Masking.apply(pieces.duplicate().position(50).limit(100), 0x01020304, 50);
            assertThat(pieces.array()).isEqualTo(whole.array());
        }
    }

    @Nested
    class FastPathAgreesWithSimpleLoop {

        @Test
        void everyLength0to64_everyMaskOffset_everyBufferAlignment_heapAndDirect() {
            Random random = new Random(42);
            int key = 0x9A3C_51E7;
            for (int length = 0; length <= 64; length++) {
                for (int maskOffset = 0; maskOffset < 8; maskOffset++) {
                    for (int start = 0; start < 8; start++) {
                        byte[] data = new byte[start + length + 3];
                        random.nextBytes(data);
                        for (boolean direct : new boolean[] {false, true}) {
                            ByteBuffer expected = region(data, start, length, false);
                            ByteBuffer actual = region(data, start, length, direct);
                            Masking.applySimple(expected, key, maskOffset);
                            Masking.apply(actual, key, maskOffset);
                            assertThat(content(actual))
                                    .as("length=%d maskOffset=%d start=%d direct=%s", length, maskOffset, start, direct)
                                    .isEqualTo(content(expected));
                            assertThat(actual.position()).isEqualTo(start);
                            assertThat(actual.limit()).isEqualTo(start + length);
                        }
                    }
                }
            }
        }

        private static ByteBuffer region(byte[] data, int start, int length, boolean direct) {
            ByteBuffer buf = direct ? ByteBuffer.allocateDirect(data.length) : ByteBuffer.allocate(data.length);
            buf.put(data).clear();
            return buf.position(start).limit(start + length);
        }

        private static byte[] content(ByteBuffer buf) {
            // The whole backing store: bytes outside position..limit must be left alone too.
            ByteBuffer all = buf.duplicate().clear();
            byte[] bytes = new byte[all.remaining()];
            all.get(bytes);
            return bytes;
        }
    }
}
