package org.socketlab.udp.reliable;

/**
 * How many distinct sequence numbers stop-and-wait uses.
 *
 * <p>The alternating bit (a sequence space of two) is correct only on a FIFO channel: it tells a
 * retransmission from a new segment because the two differ in one bit, which fails when an old
 * copy can arrive late. On a link that duplicates <em>and</em> reorders, a stale copy of segment
 * k (bit b) can arrive while the receiver expects segment k+2 (also bit b) and be accepted as new
 * data. {@link #WIDE} numbers every segment with 32 bits, so stale copies are recognised — the
 * same reason TCP uses 32-bit sequence numbers and a maximum segment lifetime.
 */
public enum SequenceSpace {
    ALTERNATING_BIT(2),
    WIDE(0);

    private final int modulus;

    SequenceSpace(int modulus) {
        this.modulus = modulus;
    }

    /** The sequence number carried by the segment at {@code index} (unsigned 32-bit for WIDE). */
    public int seqFor(long index) {
        return modulus == 0 ? (int) index : (int) (index % modulus);
    }
}
