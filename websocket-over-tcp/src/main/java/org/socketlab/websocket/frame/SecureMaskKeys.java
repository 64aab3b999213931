package org.socketlab.websocket.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Masking keys from a ChaCha20 keystream keyed by {@link SecureRandom} — the construction the
 * Linux kernel uses for its own random numbers. RFC 6455 §5.3 and §10.3 ask for keys "derived
 * from a strong source of entropy" that a script cannot predict; a stream cipher keyed from the
 * platform's entropy source is exactly that, and it is cheap: one cipher call fills
 * {@value #KEYS_PER_REFILL} keys without allocating, where a {@code SecureRandom} call per key
 * (or per block: the platform generator allocates and locks on every call) would dominate the
 * encoding of a small frame. The cipher is re-keyed from {@code SecureRandom} every
 * {@value #REFILLS_PER_KEY} refills, long before ChaCha20's 32-bit block counter could wrap.
 *
 * <p>Thread-safe: a lock (not {@code synchronized}, so a virtual thread never pins) guards the block.
 */
final class SecureMaskKeys implements MaskKeySource {

    static final int KEYS_PER_REFILL = 256;
    static final int REFILLS_PER_KEY = 1 << 20;
    private static final int BLOCK_BYTES = KEYS_PER_REFILL * Integer.BYTES;
    private static final VarHandle INT_ARRAY = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final SecureRandom seeds;
    private final Cipher chacha;
    private final byte[] zeros = new byte[BLOCK_BYTES];
    private final byte[] block = new byte[BLOCK_BYTES];
    private final ReentrantLock lock = new ReentrantLock();
    private int next = BLOCK_BYTES;
    private int refillsLeft;

    SecureMaskKeys(SecureRandom seeds) {
        this.seeds = seeds;
        try {
            this.chacha = Cipher.getInstance("ChaCha20");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no ChaCha20 cipher (required since Java 11)", e);
        }
    }

    @Override
    public int nextMaskKey() {
        lock.lock();
        try {
            if (next == BLOCK_BYTES) {
                refill();
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

    private void refill() {
        try {
            if (refillsLeft == 0) {
                rekey();
            }
            chacha.update(zeros, 0, BLOCK_BYTES, block, 0); // keystream XOR zeros = keystream
            refillsLeft--;
            next = 0;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20 keystream failed", e);
        }
    }

    private void rekey() throws GeneralSecurityException {
        byte[] key = new byte[32];
        byte[] nonce = new byte[12];
        seeds.nextBytes(key);
        seeds.nextBytes(nonce);
        chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce, 0));
        Arrays.fill(key, (byte) 0);
        refillsLeft = REFILLS_PER_KEY;
    }
}
