package org.socketlab.udp.lossy;

import java.util.List;

/**
 * What the link decided for one datagram: zero copies (dropped), one, or two (duplicated), each
 * with its own delay and possibly one corrupted byte.
 */
public record Fate(List<Copy> copies, boolean dropped, boolean duplicated, boolean reordered, boolean corrupted) {

    /**
     * One delivered copy.
     *
     * @param delayNanos       how long after arrival the copy leaves the link
     * @param heldBack         whether the delay includes the reorder hold-back
     * @param corruptByteIndex which byte is flipped (taken modulo the datagram's length), or -1
     */
    public record Copy(long delayNanos, boolean heldBack, int corruptByteIndex) {
        public boolean isCorrupt() {
            return corruptByteIndex >= 0;
        }

        /** Returns the bytes this copy delivers: the original, or a copy with one byte flipped. */
        public byte[] apply(byte[] datagram, int length) {
            byte[] out = java.util.Arrays.copyOf(datagram, length);
            if (corruptByteIndex >= 0 && length > 0) {
                out[corruptByteIndex % length] ^= (byte) 0xFF;
            }
            return out;
        }
    }

    public Fate {
        copies = List.copyOf(copies);
    }
}
