package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.sockjs.Hixie76Codec.Close;
import org.socketlab.websocket.sockjs.Hixie76Codec.Frame;
import org.socketlab.websocket.sockjs.Hixie76Codec.Text;

/** The hixie-76 frames (draft-76 §5.3): sentinel text frames, the closing handshake, limits. */
class Hixie76CodecTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void encodeText_isZeroUtf8AndFF() {
        assertThat(Hixie76Codec.encodeText("a\u00e9")).containsExactly(0x00, 'a', 0xC3, 0xA9, 0xFF);
        assertThat(Hixie76Codec.encodeText("")).containsExactly(0x00, 0xFF);
    }

    @Test
    void decode_textFrames_emptyOnes_andTheClosingHandshake_thenNothingMore() throws Exception {
        Hixie76Codec codec = new Hixie76Codec(1024);
        byte[] wire = concat(Hixie76Codec.encodeText("[\"a\"]"), Hixie76Codec.encodeText(""),
                Hixie76Codec.CLOSING_FRAME, Hixie76Codec.encodeText("after close"));
        List<Frame> frames = codec.decode(ByteBuffer.wrap(wire));
        assertThat(frames).containsExactly(new Text("[\"a\"]"), new Text(""), new Close());
        assertThat(codec.isClosed()).isTrue();
    }

    @Test
    void decode_acrossEverySplitPoint_givesTheSameFrames() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String message = "Unicode \u2603 \ud83d\ude00 and bytes " + random.nextInt();
        byte[] wire = concat(Hixie76Codec.encodeText(message), bytes(0x80, 0x02, 'x', 'y'),
                Hixie76Codec.encodeText("second"), Hixie76Codec.CLOSING_FRAME);
        for (int split = 0; split <= wire.length; split++) {
            Hixie76Codec codec = new Hixie76Codec(1024);
            List<Frame> frames = new ArrayList<>(codec.decode(ByteBuffer.wrap(wire, 0, split)));
            frames.addAll(codec.decode(ByteBuffer.wrap(wire, split, wire.length - split)));
            assertThat(frames).as("seed %d, split at %d", seed, split)
                    .containsExactly(new Text(message), new Text("second"), new Close());
        }
    }

    @Test
    void lengthPrefixedAndUnknownSentinelFrames_areDiscarded() throws Exception {
        Hixie76Codec codec = new Hixie76Codec(1024);
        // type 0x80, length 0x81 0x00 = 128 bytes, then a sentinel frame of type 0x01
        byte[] binary = new byte[3 + 128];
        binary[0] = (byte) 0x80;
        binary[1] = (byte) 0x81;
        binary[2] = 0x00;
        byte[] wire = concat(binary, bytes(0x01, 'z', 0xFF), Hixie76Codec.encodeText("kept"));
        assertThat(codec.decode(ByteBuffer.wrap(wire))).containsExactly(new Text("kept"));
    }

    @Test
    void aFrameOverTheLimit_is1009_whetherSentinelOrLengthPrefixed() {
        byte[] text = new byte[12];
        text[0] = 0x00; // 11 bytes of text and no 0xFF yet, limit 10
        java.util.Arrays.fill(text, 1, text.length, (byte) 'x');
        assertThatThrownBy(() -> new Hixie76Codec(10).decode(ByteBuffer.wrap(text)))
                .isInstanceOf(WebSocketProtocolException.class)
                .satisfies(e -> assertThat(((WebSocketProtocolException) e).closeCode().code()).isEqualTo(1009));
        assertThatThrownBy(() -> new Hixie76Codec(10).decode(ByteBuffer.wrap(bytes(0x80, 0x0B))))
                .isInstanceOf(WebSocketProtocolException.class);
        assertThat(catchDecode(new Hixie76Codec(10), Hixie76Codec.encodeText("x".repeat(10)))).isNull();
    }

    @Test
    void textThatIsNotUtf8_is1007() {
        WebSocketProtocolException e = catchDecode(new Hixie76Codec(100), bytes(0x00, 0xC3, 0x28, 0xFF));
        assertThat(e).isNotNull();
        assertThat(e.closeCode().code()).isEqualTo(1007);
    }

    private static WebSocketProtocolException catchDecode(Hixie76Codec codec, byte[] wire) {
        try {
            codec.decode(ByteBuffer.wrap(wire));
            return null;
        } catch (WebSocketProtocolException e) {
            return e;
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
