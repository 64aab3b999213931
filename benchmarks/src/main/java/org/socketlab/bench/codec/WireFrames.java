package org.socketlab.bench.codec;

import java.util.SplittableRandom;

/**
 * Hand-built wire fixtures for the codec benchmarks, independent of any codec under test:
 * a binary frame (RFC 6455 §5.2 header, shortest length form) with a deterministic payload.
 */
public final class WireFrames {

    /** The masking key used by every masked fixture (RFC 6455 §5.7's example key). */
    public static final int MASK_KEY = 0x37FA213D;

    private WireFrames() {
    }

    /** {@code size} pseudo-random payload bytes from a fixed seed (printable for reproducibility). */
    public static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(0x5EED_0001L);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** A FIN binary frame carrying {@code payload}, masked with {@link #MASK_KEY} when {@code masked}. */
    public static byte[] binaryFrame(byte[] payload, boolean masked) {
        int length = payload.length;
        int lengthBytes = length <= 125 ? 0 : length <= 0xFFFF ? 2 : 8;
        int header = 2 + lengthBytes + (masked ? 4 : 0);
        byte[] wire = new byte[header + length];
        wire[0] = (byte) 0x82; // FIN + opcode 2 (binary)
        int maskBit = masked ? 0x80 : 0;
        int at = 2;
        if (lengthBytes == 0) {
            wire[1] = (byte) (maskBit | length);
        } else if (lengthBytes == 2) {
            wire[1] = (byte) (maskBit | 126);
            wire[at++] = (byte) (length >>> 8);
            wire[at++] = (byte) length;
        } else {
            wire[1] = (byte) (maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                wire[at++] = (byte) ((long) length >>> shift);
            }
        }
        if (masked) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                wire[at++] = (byte) (MASK_KEY >>> shift);
            }
        }
        for (int i = 0; i < length; i++) {
            int keyByte = masked ? MASK_KEY >>> (24 - 8 * (i & 3)) : 0;
            wire[at + i] = (byte) (payload[i] ^ keyByte);
        }
        return wire;
    }
}
