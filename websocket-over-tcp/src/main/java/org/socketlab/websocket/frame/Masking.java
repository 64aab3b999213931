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
 * {@link #copyMasked} masks while it copies, so a client encodes a frame in one pass.
 *
 * <p>Why the fast path is fast: XOR is byte-wise, so the byte order of the 64-bit word only has
 * to agree with the byte order of the key word. Reading and writing in the platform's native
 * order (little-endian on x86 and ARM) with a key word built in that order lets the JIT turn
 * each step into one load, one XOR and one store, with no byte swapping and no allocation.
 */
public final class Masking {

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final VarHandle LONG_ARRAY = MethodHandles.byteArrayViewVarHandle(long[].class, NATIVE);
    private static final VarHandle LONG_BUFFER = MethodHandles.byteBufferViewVarHandle(long[].class, NATIVE);

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
        apply(buf, buf.position(), buf.limit(), maskKey, maskOffset);
    }

    /**
     * Masks {@code buf[from, to)} in place (absolute indexes; position and limit untouched).
     * {@code maskOffset} is the payload index of byte {@code from}.
     */
    public static void apply(ByteBuffer buf, int from, int to, int maskKey, int maskOffset) {
        // BEGIN SOLUTION lab=09 task="mask/unmask the payload eight bytes at a time (RFC 6455 §5.3)"
        // Rotate so that the key's first byte lines up with byte `from`.
        int key = Integer.rotateLeft(maskKey, 8 * (maskOffset & 3));
        long key64 = wordKey(key);
        if (buf.hasArray() && !buf.isReadOnly()) {
            int base = buf.arrayOffset();
            applyToArray(buf.array(), base + from, base + to, key64, key);
            return;
        }
        int i = from;
        for (int limit = to - 7; i < limit; i += 8) {
            LONG_BUFFER.set(buf, i, (long) LONG_BUFFER.get(buf, i) ^ key64);
        }
        for (int k = 0; i < to; i++, k++) {
            buf.put(i, (byte) (buf.get(i) ^ keyByte(key, k)));
        }
        // END SOLUTION
    }

    /**
     * Copies {@code length} bytes from {@code src[srcIndex..]} to {@code dst[dstIndex..]} masked
     * with {@code maskKey} (payload index 0 at {@code srcIndex}): one read and one write per byte,
     * where copy-then-mask would make two passes over the destination. Positions are untouched.
     */
    public static void copyMasked(ByteBuffer src, int srcIndex, ByteBuffer dst, int dstIndex, int length, int maskKey) {
        long key64 = wordKey(maskKey);
        if (src.hasArray() && dst.hasArray() && !dst.isReadOnly()) {
            copyMaskedArrays(src.array(), src.arrayOffset() + srcIndex, dst.array(), dst.arrayOffset() + dstIndex,
                    length, key64, maskKey);
            return;
        }
        int i = 0;
        for (int limit = length - 7; i < limit; i += 8) {
            LONG_BUFFER.set(dst, dstIndex + i, (long) LONG_BUFFER.get(src, srcIndex + i) ^ key64);
        }
        for (; i < length; i++) {
            dst.put(dstIndex + i, (byte) (src.get(srcIndex + i) ^ keyByte(maskKey, i)));
        }
    }

    private static void applyToArray(byte[] bytes, int from, int to, long key64, int key) {
        int i = from;
        // `i < limit` (not `i + 8 <= to`) makes this a counted loop that C2 unrolls and vectorises.
        for (int limit = to - 7; i < limit; i += 8) {
            LONG_ARRAY.set(bytes, i, (long) LONG_ARRAY.get(bytes, i) ^ key64);
        }
        for (int k = 0; i < to; i++, k++) {
            bytes[i] ^= (byte) keyByte(key, k);
        }
    }

    private static void copyMaskedArrays(byte[] src, int from, byte[] dst, int to, int length, long key64, int key) {
        int i = 0;
        for (int limit = length - 7; i < limit; i += 8) {
            LONG_ARRAY.set(dst, to + i, (long) LONG_ARRAY.get(src, from + i) ^ key64);
        }
        for (; i < length; i++) {
            dst[to + i] = (byte) (src[from + i] ^ keyByte(key, i));
        }
    }

    /** Key byte for payload index {@code i} (i mod 4 picks the byte, most significant first). */
    private static int keyByte(int key, int i) {
        return key >>> (24 - 8 * (i & 3));
    }

    /** The 32-bit key twice, laid out so that a native-order long load lines up with it byte by byte. */
    private static long wordKey(int key) {
        int inOrder = NATIVE == ByteOrder.BIG_ENDIAN ? key : Integer.reverseBytes(key);
        return ((long) inOrder << 32) | (inOrder & 0xFFFF_FFFFL);
    }
}
