package org.socketlab.websocket.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Masking keys from a {@link SecureRandom}, drawn in blocks: one {@code nextBytes} call fills
 * {@value #KEYS_PER_REFILL} keys. Each key is still strong, unpredictable entropy (RFC 6455 §5.3,
 * §10.3); the block draw only amortises the generator's per-call cost (a lock, a reseed check,
 * a hash over a few bytes), which would otherwise dominate the encoding of a small frame.
 *
 * <p>Thread-safe: a lock (not {@code synchronized}, so a virtual thread never pins) guards the block.
 */
final class SecureMaskKeys implements MaskKeySource {

    static final int KEYS_PER_REFILL = 256;
    private static final VarHandle INT_ARRAY = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final SecureRandom random;
    private final byte[] block = new byte[KEYS_PER_REFILL * Integer.BYTES];
    private final ReentrantLock lock = new ReentrantLock();
    private int next = block.length;

    SecureMaskKeys(SecureRandom random) {
        this.random = random;
    }

    @Override
    public int nextMaskKey() {
        lock.lock();
        try {
            if (next == block.length) {
                random.nextBytes(block);
                next = 0;
            }
            int key = (int) INT_ARRAY.get(block, next);
            // Wipe used key material so a heap dump cannot replay past keys.
            INT_ARRAY.set(block, next, 0);
            next += Integer.BYTES;
            return key;
        } finally {
            lock.unlock();
        }
    }
}
