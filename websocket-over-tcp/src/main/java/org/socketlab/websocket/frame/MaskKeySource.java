package org.socketlab.websocket.frame;

import java.security.SecureRandom;

/**
 * Where a client's masking keys come from. RFC 6455 §5.3 requires a fresh key per frame
 * "derived from a strong source of entropy" so that a hostile page cannot predict the bytes
 * on the wire (cache poisoning of intermediaries, RFC 6455 §10.3). Tests inject a fixed key.
 */
@FunctionalInterface
public interface MaskKeySource {

    /** The next 32-bit masking key; its big-endian bytes are the key on the wire. */
    int nextMaskKey();

    /**
     * Unpredictable keys: the only safe choice for a real client. A ChaCha20 keystream keyed from
     * a {@link SecureRandom} supplies them 256 at a time, so a small frame does not pay a
     * generator call (and its allocation) per key. Thread-safe.
     */
    static MaskKeySource secureRandom() {
        return new SecureMaskKeys(new SecureRandom());
    }

    /** Always the same key: for tests and for the RFC 6455 §5.7 examples only. */
    static MaskKeySource fixed(int key) {
        return () -> key;
    }
}
