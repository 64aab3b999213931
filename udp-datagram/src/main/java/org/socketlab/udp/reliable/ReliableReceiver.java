package org.socketlab.udp.reliable;

/**
 * The receiving end: reassembles the stream in order and is finished once everything up to and
 * including the FIN has arrived. It keeps acknowledging duplicates after that, because its last
 * ACK may have been lost and the sender will retransmit the FIN.
 */
public interface ReliableReceiver extends SegmentEndpoint {

    /** The bytes delivered in order so far (a copy). */
    byte[] received();

    ReceiverStats stats();

    /** A receiver has no timers: it only answers what arrives. */
    @Override
    default void tick(long nowNanos) {
    }

    @Override
    default long nextDeadlineNanos() {
        return Long.MAX_VALUE;
    }
}
