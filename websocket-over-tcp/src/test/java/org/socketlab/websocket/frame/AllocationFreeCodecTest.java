package org.socketlab.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hot-path forms of the codec: {@link FrameDecoder#decode(ByteBuffer, DecodedFrame)} (a reusable
 * view instead of a new Frame), {@link FrameEncoder#encodeHeader} (header for a gathering write),
 * {@link Masking#copyMasked} (mask while copying) and the block-drawn secure key source.
 */
class AllocationFreeCodecTest {

    /** jqwik runs top-level properties only. */
    @Property(tries = 300)
    void copyMasked_equalsCopyThenApplySimple(@ForAll @Size(max = 300) byte[] data, @ForAll int key,
                                              @ForAll @IntRange(min = 0, max = 9) int srcStart,
                                              @ForAll @IntRange(min = 0, max = 9) int dstStart,
                                              @ForAll boolean directTarget) {
        ByteBuffer src = ByteBuffer.allocate(srcStart + data.length);
        src.put(srcStart, data);
        ByteBuffer expected = ByteBuffer.wrap(data.clone());
        Masking.applySimple(expected, key, 0);
        ByteBuffer dst = directTarget ? ByteBuffer.allocateDirect(dstStart + data.length)
                : ByteBuffer.allocate(dstStart + data.length);

        Masking.copyMasked(src, srcStart, dst, dstStart, data.length, key);

        byte[] actual = new byte[data.length];
        dst.get(dstStart, actual);
        assertThat(actual).isEqualTo(expected.array());
        assertThat(src.position()).isZero();
    }

    @Property(tries = 200)
    void rangeApply_masksOnlyTheRange(@ForAll @Size(min = 1, max = 200) byte[] data, @ForAll int key,
                                      @ForAll @IntRange(min = 0, max = 50) int offset) {
        int from = data.length / 3;
        int to = data.length - data.length / 4;
        ByteBuffer actual = ByteBuffer.wrap(data.clone());
        ByteBuffer expected = ByteBuffer.wrap(data.clone()).position(from).limit(to);
        Masking.applySimple(expected, key, offset);

        Masking.apply(actual, from, to, key, offset);

        assertThat(actual.array()).isEqualTo(expected.array());
        assertThat(actual.position()).isZero();
        assertThat(actual.limit()).isEqualTo(data.length);
    }

    @Nested
    class DecodeIntoAView {

        private final FrameDecoder decoder = new FrameDecoder(Role.SERVER, 1 << 20, 0);
        private final DecodedFrame view = new DecodedFrame();

        @Test
        void maskedHelloInOneRead_isUnmaskedInPlaceInTheInput() throws WebSocketProtocolException {
            // RFC 6455 §5.7: a masked "Hello" from a client.
            ByteBuffer input = Hex.buffer("81 85 | 37 fa 21 3d | 7f 9f 4d 51 58");

            assertThat(decoder.decode(input, view)).isTrue();

            assertThat(view.opcode()).isEqualTo(Opcode.TEXT);
            assertThat(view.fin()).isTrue();
            assertThat(view.sharesInput()).isTrue();
            assertThat(view.buffer()).isSameAs(input);
            assertThat(view.payloadOffset()).isEqualTo(6);
            assertThat(view.payloadLength()).isEqualTo(5);
            assertThat(view.toFrame().payloadText()).isEqualTo("Hello");
            assertThat(input.hasRemaining()).isFalse();
        }

        @Test
        void frameSplitAcrossReads_isCollectedAndReportedOnce() throws WebSocketProtocolException {
            ByteBuffer whole = Hex.buffer("81 85 | 37 fa 21 3d | 7f 9f 4d 51 58");

            assertThat(decoder.decode(whole.slice(0, 8), view)).isFalse();
            assertThat(decoder.decode(whole.slice(8, 3), view)).isTrue();

            assertThat(view.sharesInput()).isFalse();
            byte[] payload = new byte[view.payloadLength()];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = view.payloadByte(i);
            }
            assertThat(new String(payload, StandardCharsets.US_ASCII)).isEqualTo("Hello");
        }

        @Test
        void twoFramesInOneRead_areReportedOneByOne() throws WebSocketProtocolException {
            ByteBuffer input = Hex.buffer("89 80 00 00 00 00 | 82 82 01 02 03 04 | 03 06");

            assertThat(decoder.decode(input, view)).isTrue();
            assertThat(view.opcode()).isEqualTo(Opcode.PING);
            assertThat(view.payloadLength()).isZero();
            assertThat(decoder.decode(input, view)).isTrue();
            assertThat(view.opcode()).isEqualTo(Opcode.BINARY);
            assertThat(Hex.of(view.payloadSlice())).isEqualTo("02 04");
        }

        @Test
        void payloadByteOutsideThePayload_isRefused() throws WebSocketProtocolException {
            decoder.decode(Hex.buffer("82 81 00 00 00 00 | 07"), view);

            assertThatThrownBy(() -> view.payloadByte(1)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("payload index 1");
        }
    }

    @Nested
    class HeaderOnlyEncoding {

        @Test
        void serverHeaderFor64KiB_is10BytesAndThePayloadIsNotCopied() {
            FrameEncoder encoder = new FrameEncoder(Role.SERVER, null);
            ByteBuffer payload = ByteBuffer.allocate(65536);
            ByteBuffer header = ByteBuffer.allocate(14);

            int written = encoder.encodeHeader(Frame.binary(payload), header);

            assertThat(written).isEqualTo(10);
            assertThat(Hex.of(header.flip())).isEqualTo("82 7f 00 00 00 00 00 01 00 00");
            assertThat(payload.position()).isZero();
        }

        @Test
        void headerPlusPayload_equalsTheWholeFrameEncoding() {
            FrameEncoder encoder = new FrameEncoder(Role.SERVER, null);
            Frame frame = Frame.binary(ByteBuffer.wrap(new byte[300]));
            ByteBuffer gathered = ByteBuffer.allocate(304);
            encoder.encodeHeader(frame, gathered);
            gathered.put(frame.payload().duplicate());

            assertThat(gathered.flip()).isEqualTo(encoder.encode(frame));
        }

        @Test
        void clientHeaderOnly_isRefusedBecauseMaskingTransformsThePayload() {
            FrameEncoder encoder = new FrameEncoder(Role.CLIENT, MaskKeySource.fixed(1));

            assertThatThrownBy(() -> encoder.encodeHeader(Frame.binary(ByteBuffer.allocate(1)), ByteBuffer.allocate(14)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("RFC 6455 §5.3");
        }

        @Test
        void clientEncode_leavesTheCallersPayloadUntouched() {
            FrameEncoder encoder = new FrameEncoder(Role.CLIENT, MaskKeySource.fixed(0x37fa213d));
            ByteBuffer payload = ByteBuffer.wrap("Hello".getBytes(StandardCharsets.US_ASCII));

            ByteBuffer wire = encoder.encode(Frame.of(Opcode.TEXT, payload, true));

            assertThat(Hex.of(wire)).isEqualTo("81 85 37 fa 21 3d 7f 9f 4d 51 58");
            assertThat(Hex.of(payload)).isEqualTo("48 65 6c 6c 6f");
        }
    }

    @Nested
    class SecureKeysInBlocks {

        @Test
        void keysAcrossSeveralRefills_areNotAllTheSame() {
            MaskKeySource keys = MaskKeySource.secureRandom();
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < 3 * SecureMaskKeys.KEYS_PER_REFILL; i++) {
                seen.add(keys.nextMaskKey());
            }
            // 768 draws of 32 random bits: a repeat is unlikely, a constant or a short cycle would be a bug.
            assertThat(seen).hasSizeGreaterThan(3 * SecureMaskKeys.KEYS_PER_REFILL - 5);
        }

        @Test
        void keysAreTheChaCha20KeystreamKeyedByTheSecureRandom_bigEndian() throws Exception {
            // A "SecureRandom" that returns 0, 1, 2, ... so the expected keystream can be recomputed.
            java.security.SecureRandom counting = new java.security.SecureRandom() {
                private int counter;

                @Override
                public void nextBytes(byte[] bytes) {
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) counter++;
                    }
                }
            };
            byte[] key = new byte[32];
            byte[] nonce = new byte[12];
            for (int i = 0; i < 32; i++) {
                key[i] = (byte) i;
            }
            for (int i = 0; i < 12; i++) {
                nonce[i] = (byte) (32 + i);
            }
            javax.crypto.Cipher reference = javax.crypto.Cipher.getInstance("ChaCha20");
            reference.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "ChaCha20"),
                    new javax.crypto.spec.ChaCha20ParameterSpec(nonce, 0));
            byte[] stream = reference.update(new byte[8]);

            SecureMaskKeys keys = new SecureMaskKeys(counting);

            assertThat(keys.nextMaskKey()).isEqualTo(ByteBuffer.wrap(stream).getInt(0));
            assertThat(keys.nextMaskKey()).isEqualTo(ByteBuffer.wrap(stream).getInt(4));
        }

        @Test
        void drawingKeysAllocatesNothingOnceWarm() {
            MaskKeySource keys = MaskKeySource.secureRandom();
            for (int i = 0; i < 50_000; i++) {
                keys.nextMaskKey();
            }
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                keys.nextMaskKey();
            }
            double perKey = (threads.getCurrentThreadAllocatedBytes() - before) / 100_000.0;

            assertThat(perKey).as("bytes allocated per mask key").isLessThan(1.0);
        }
    }

    /**
     * Issue 19: the benchmark's "B/op" counts every thread of the JMH fork, so at 1 MiB (13 k
     * ops/s) its own bookkeeping shows up as 2 B/op. This measures the decoding thread alone.
     */
    @ParameterizedTest(name = "{0} B payload")
    @ValueSource(ints = {0, 16, 125, 126, 1024, 65_536, 1 << 20})
    void decodingAWholeMaskedFrame_allocatesNothingOnTheDecodingThread(int size) throws WebSocketProtocolException {
        byte[] payload = new byte[size];
        java.util.Arrays.fill(payload, (byte) 'x');
        ByteBuffer encoded = new FrameEncoder(Role.CLIENT, () -> 0x1234_5678)
                .encode(new Frame(true, false, false, false, Opcode.BINARY, ByteBuffer.wrap(payload)));
        ByteBuffer wire = ByteBuffer.allocate(encoded.remaining()).put(encoded).flip();
        FrameDecoder decoder = new FrameDecoder(Role.SERVER, 1 << 20, 0);
        int rounds = size >= 65_536 ? 200 : 20_000;
        for (int i = 0; i < rounds; i++) {
            wire.clear();
            decoder.next(wire);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < rounds; i++) {
            wire.clear();
            if (decoder.next(wire) != FrameDecoder.Step.FRAME) {
                throw new AssertionError("a whole frame was present but none was decoded");
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by %d decodes of a %d B frame", rounds, size).isZero();
    }
}
