package org.socketlab.websocket.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.testing.Allocations;

/** The RFC 7692 §7.2.3 examples as test vectors, and the compression bomb. */
class MessageCodecTest {

    private static final long ONE_MIB = 1 << 20;

    private static ByteBuffer hex(String text) {
        return ByteBuffer.wrap(HexFormat.ofDelimiter(" ").parseHex(text));
    }

    private static String hexOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class Section7_2_3_Examples {

        @Test
        void helloInOneFrame_7_2_3_1() throws WebSocketProtocolException {
            MessageInflater inflater = new MessageInflater(false, ONE_MIB);
            inflater.feed(hex("f2 48 cd c9 c9 07 00"));
            assertThat(text(inflater.finish())).isEqualTo("Hello");
        }

        @Test
        void helloInTwoFrames_7_2_3_1() throws WebSocketProtocolException {
            MessageInflater inflater = new MessageInflater(false, ONE_MIB);
            inflater.feed(hex("f2 48 cd"));       // first frame: RSV1 set, opcode text
            inflater.feed(hex("c9 c9 07 00"));    // continuation, FIN
            assertThat(text(inflater.finish())).isEqualTo("Hello");
        }

        @Test
        void sharedWindow_secondHelloRefersToTheFirst_7_2_3_2() throws WebSocketProtocolException {
            MessageInflater inflater = new MessageInflater(false, ONE_MIB);
            inflater.feed(hex("f2 48 cd c9 c9 07 00"));
            assertThat(text(inflater.finish())).isEqualTo("Hello");
            inflater.feed(hex("f2 00 11 00 00"));
            assertThat(text(inflater.finish())).isEqualTo("Hello");
        }

        @Test
        void storedBlock_7_2_3_3() throws WebSocketProtocolException {
            MessageInflater inflater = new MessageInflater(false, ONE_MIB);
            inflater.feed(hex("00 05 00 fa ff 48 65 6c 6c 6f 00"));
            assertThat(text(inflater.finish())).isEqualTo("Hello");
        }

        @Test
        void bfinalSet_7_2_3_4_thenANewMessageStillInflates() throws WebSocketProtocolException {
            MessageInflater inflater = new MessageInflater(false, ONE_MIB);
            inflater.feed(hex("f3 48 cd c9 c9 07 00 00"));
            assertThat(text(inflater.finish())).isEqualTo("Hello");
            inflater.feed(hex("f2 48 cd c9 c9 07 00"));
            assertThat(text(inflater.finish())).isEqualTo("Hello");
        }

        @Test
        void twoDeflateBlocksInOneMessage_7_2_3_5() throws WebSocketProtocolException {
            MessageInflater inflater = new MessageInflater(false, ONE_MIB);
            inflater.feed(hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00"));
            assertThat(text(inflater.finish())).isEqualTo("Hello");
        }

        @Test
        void deflater_compressesHelloAsTheRfcShows_andRemovesTheTail() {
            MessageDeflater takeover = new MessageDeflater(false, Deflater.DEFAULT_COMPRESSION);
            assertThat(hexOf(takeover.compress(utf8("Hello")))).isEqualTo("f2 48 cd c9 c9 07 00");
            assertThat(hexOf(takeover.compress(utf8("Hello")))).isEqualTo("f2 00 11 00 00");

            MessageDeflater noTakeover = new MessageDeflater(true, Deflater.DEFAULT_COMPRESSION);
            assertThat(hexOf(noTakeover.compress(utf8("Hello")))).isEqualTo("f2 48 cd c9 c9 07 00");
            assertThat(hexOf(noTakeover.compress(utf8("Hello")))).isEqualTo("f2 48 cd c9 c9 07 00");
        }
    }

    @Nested
    class RoundTrips {

        @Test
        void emptyAndLargeMessages_withAndWithoutTakeover() throws WebSocketProtocolException {
            for (boolean noTakeover : new boolean[] {false, true}) {
                MessageDeflater deflater = new MessageDeflater(noTakeover, 6);
                MessageInflater inflater = new MessageInflater(noTakeover, ONE_MIB);
                for (String message : new String[] {"", "a", "{\"type\":\"chat\",\"text\":\"안녕하세요\"}",
                        "x".repeat(200_000), "{\"type\":\"chat\",\"text\":\"안녕하세요\"}"}) {
                    inflater.feed(deflater.compress(utf8(message)));
                    assertThat(text(inflater.finish())).as("noTakeover=%s, %d chars", noTakeover, message.length())
                            .isEqualTo(message);
                }
                deflater.release();
                inflater.release();
            }
        }

        @Test
        void takeover_makesTheRepeatedMessageSmaller() {
            String json = "{\"type\":\"message\",\"room\":\"lobby\",\"from\":\"alice\",\"text\":\"hello there\"}";
            MessageDeflater takeover = new MessageDeflater(false, 6);
            int first = takeover.compress(utf8(json)).remaining();
            int second = takeover.compress(utf8(json)).remaining();
            assertThat(second).as("second message with the shared window").isLessThan(first / 2);
        }
    }

    @Nested
    class Section8_Bombs {

        @Test
        void tenMegabytesOfZeros_endIn1009_afterProducingAtMostTheLimit() {
            ByteBuffer bomb = new MessageDeflater(true, 9).compress(ByteBuffer.allocate(10_000_000));
            assertThat(bomb.remaining()).as("compressed size of 10 MB of zeros").isLessThan(20_000);

            MessageInflater inflater = new MessageInflater(false, ONE_MIB);
            long allocated = Allocations.supported() ? -1 : 0;
            Throwable thrown = null;
            try {
                allocated = Allocations.during(() -> {
                    inflater.feed(bomb);
                    inflater.finish();
                });
            } catch (WebSocketProtocolException expected) {
                thrown = expected;
                allocated = Allocations.lastMeasured();
            }
            assertThat(thrown).isInstanceOf(WebSocketProtocolException.class).hasMessageContaining("1009");
            assertThat(((WebSocketProtocolException) thrown).closeCode()).isEqualTo(CloseCode.MESSAGE_TOO_BIG);
            if (Allocations.supported()) {
                // The output grows geometrically up to limit + 1 bytes: about 2 MiB of arrays in all
                // (1 KiB, 2 KiB, ... 1 MiB + 1), never the 10 MB the bomb declares by its content.
                assertThat(allocated).as("bytes allocated while inflating a 10 MB bomb with a 1 MiB limit")
                        .isLessThan(4 * ONE_MIB);
            }
        }

        @Test
        void corruptData_endsIn1007() {
            MessageInflater inflater = new MessageInflater(false, ONE_MIB);
            assertThatThrownBy(() -> inflater.feed(hex("ff ff ff ff")))
                    .isInstanceOf(WebSocketProtocolException.class)
                    .extracting(e -> ((WebSocketProtocolException) e).closeCode()).isEqualTo(CloseCode.INVALID_PAYLOAD);
        }
    }
}
