package org.socketlab.tcp.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LengthPrefixFramerTest {

    private static List<byte[]> decodeAll(MessageFramer framer, ByteBuffer in) throws FramingException {
        List<byte[]> messages = new ArrayList<>();
        byte[] message;
        while ((message = framer.decode(in)) != null) {
            messages.add(message);
        }
        return messages;
    }

    @Nested
    class Decoding {

        @Test
        void frame_isHeaderThenPayload() throws FramingException {
            // 00 00 00 03 = length 3 (big-endian), then the payload 'a' 'b' 'c'
            ByteBuffer in = ByteBuffer.wrap(new byte[] {0, 0, 0, 3, 'a', 'b', 'c'});
            assertThat(new LengthPrefixFramer().decode(in)).containsExactly('a', 'b', 'c');
            assertThat(in.hasRemaining()).isFalse();
        }

        @Test
        void bytesArrivingOneAtATime_formTheSameFrames() throws FramingException {
            LengthPrefixFramer encoder = new LengthPrefixFramer();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            byte[][] sent = {"first".getBytes(), new byte[0], new byte[300]};
            for (byte[] message : sent) {
                ByteBuffer framed = encoder.encode(message);
                stream.write(framed.array(), 0, framed.remaining());
            }
            LengthPrefixFramer decoder = new LengthPrefixFramer();
            List<byte[]> received = new ArrayList<>();
            for (byte b : stream.toByteArray()) {
                received.addAll(decodeAll(decoder, ByteBuffer.wrap(new byte[] {b})));
            }
            assertThat(received).containsExactly(sent);
            assertThat(decoder.bufferedBytes()).isZero();
        }

        @Test
        void randomChunking_neverChangesTheMessages() throws FramingException {
            long seed = System.nanoTime();
            System.out.println("randomChunking seed = " + seed);
            Random random = new Random(seed);
            LengthPrefixFramer framer = new LengthPrefixFramer(4096);
            List<byte[]> sent = new ArrayList<>();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int i = 0; i < 200; i++) {
                byte[] message = new byte[random.nextInt(4097)];
                random.nextBytes(message);
                sent.add(message);
                ByteBuffer framed = framer.encode(message);
                stream.write(framed.array(), 0, framed.remaining());
            }
            byte[] all = stream.toByteArray();
            List<byte[]> received = new ArrayList<>();
            for (int offset = 0; offset < all.length; ) {
                int chunk = Math.min(all.length - offset, 1 + random.nextInt(9000));
                received.addAll(decodeAll(framer, ByteBuffer.wrap(all, offset, chunk)));
                offset += chunk;
            }
            assertThat(received).as("seed %d", seed).containsExactlyElementsOf(sent);
        }

        @Test
        void partialHeader_isKept() throws FramingException {
            LengthPrefixFramer framer = new LengthPrefixFramer();
            assertThat(framer.decode(ByteBuffer.wrap(new byte[] {0, 0}))).isNull();
            assertThat(framer.bufferedBytes()).isEqualTo(2);
            ByteBuffer rest = ByteBuffer.wrap(new byte[] {0, 1, 'z', 0});
            assertThat(framer.decode(rest)).containsExactly('z');
            assertThat(rest.remaining()).as("the next frame's first byte is left in the buffer").isEqualTo(1);
            assertThat(framer.decode(rest)).isNull();
            assertThat(framer.bufferedBytes()).isEqualTo(1);
        }
    }

    @Nested
    class MaximumSize {

        @Test
        void oversizedLength_isRejectedBeforeAnyPayloadArrives() {
            LengthPrefixFramer framer = new LengthPrefixFramer(100);
            assertThatThrownBy(() -> framer.decode(ByteBuffer.wrap(new byte[] {0, 0, 0, 101})))
                    .isInstanceOf(FramingException.class)
                    .hasMessage("frame length is 101 bytes; the maximum is 100 (length-prefixed framing)");
        }

        @Test
        void negativeLength_isRejected() {
            assertThatThrownBy(() -> new LengthPrefixFramer().decode(ByteBuffer.wrap(new byte[] {-1, -1, -1, -1})))
                    .isInstanceOf(FramingException.class).hasMessageContaining("4294967295");
        }

        @Test
        void frameOfExactlyTheMaximum_isAccepted() throws FramingException {
            LengthPrefixFramer framer = new LengthPrefixFramer(3);
            assertThat(framer.decode(framer.encode(new byte[] {1, 2, 3}))).containsExactly(1, 2, 3);
        }

        @Test
        void encodingAnOversizedMessage_isTheCallersMistake() {
            assertThatThrownBy(() -> new LengthPrefixFramer(3).encode(new byte[4]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum is 3");
        }
    }
}
