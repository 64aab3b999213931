package org.socketlab.websocket.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RFC 6455 §5.3 masking: payload byte {@code i} is XOR-ed with byte {@code i mod 4} of the
 * 32-bit key. Masking and unmasking are the same operation.
 *
 * <p>{@link #applySimple} is the loop straight from the RFC; {@link #apply} does the same work
 * eight bytes at a time with a 64-bit key. Both work in place on {@code position()..limit()} and
 * leave position and limit unchanged. {@code maskOffset} is the number of payload bytes that
 * were masked before this buffer's first byte (so a frame may be unmasked in pieces).
 */
public final class Masking {

    private static final VarHandle LONG_BE_ARRAY =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Masking() {
    }

    /** The reference implementation: one byte at a time, exactly as RFC 6455 §5.3 states it. */
    public static void applySimple(ByteBuffer buf, int maskKey, int maskOffset) {
        // BEGIN SOLUTION lab=09 task="mask/unmask the payload one byte at a time (RFC 6455 §5.3)"
        for (int i = buf.position(), j = maskOffset; i < buf.limit(); i++, j++) {
            int keyByte = maskKey >>> (8 * (3 - (j & 3)));
            buf.put(i, (byte) (buf.get(i) ^ keyByte));
        }
        // END SOLUTION
    }

    /** The fast path: rotate the key to the offset, then XOR 8 bytes per step. */
    public static void apply(ByteBuffer buf, int maskKey, int maskOffset) {
        // BEGIN SOLUTION lab=09 task="mask/unmask the payload eight bytes at a time (RFC 6455 §5.3)"
        int start = buf.position();
        int end = buf.limit();
        // Rotate so that the key's first byte lines up with this buffer's first byte.
        int key = Integer.rotateLeft(maskKey, 8 * (maskOffset & 3));
        long key64 = ((long) key << 32) | (key & 0xFFFF_FFFFL);
        if (buf.hasArray() && !buf.isReadOnly()) {
            applyToArray(buf.array(), buf.arrayOffset() + start, buf.arrayOffset() + end, key64);
            return;
        }
        int i = start;
        ByteBuffer view = buf.duplicate().order(ByteOrder.BIG_ENDIAN);
        for (; i + 8 <= end; i += 8) {
            view.putLong(i, view.getLong(i) ^ key64);
        }
        tail(buf, i, end, key);
        // END SOLUTION
    }

    private static void applyToArray(byte[] bytes, int from, int to, long key64) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            LONG_BE_ARRAY.set(bytes, i, (long) LONG_BE_ARRAY.get(bytes, i) ^ key64);
        }
        int key = (int) key64;
        for (int k = 0; i < to; i++, k++) {
            bytes[i] ^= (byte) (key >>> (24 - 8 * (k & 3)));
        }
    }

    private static void tail(ByteBuffer buf, int from, int to, int key) {
        for (int i = from, k = 0; i < to; i++, k++) {
            buf.put(i, (byte) (buf.get(i) ^ (key >>> (24 - 8 * (k & 3)))));
        }
    }
}
