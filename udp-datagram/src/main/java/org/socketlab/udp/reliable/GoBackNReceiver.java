package org.socketlab.udp.reliable;

/**
 * Go-Back-N receiver: accepts only the next expected segment, discards everything else, and
 * answers every sequenced segment with a cumulative {@code ACK(n)} — "send me n next", like TCP's
 * acknowledgement number. No buffer: a segment that arrives early is simply sent again later.
 */
public final class GoBackNReceiver extends AbstractReliableReceiver {
    private final int isn;
    private int expected;

    public GoBackNReceiver(ReliabilityConfig config) {
        this.isn = config.initialSequenceNumber();
    }

    @Override
    public void onSegment(Segment segment, long nowNanos) {
        if (!segment.isSequenced()) {
            return;
        }
        int index = segment.seq() - isn; // modular distance from the ISN
        if (index == expected && !isFinished()) {
            countAccepted();
            deliver(segment.payload(), segment.type() == Segment.Type.FIN);
            expected++;
        } else if (index >= 0 && index < expected) {
            countDuplicate();
        } else {
            countOutsideWindow(); // arrived early (a gap before it) or not part of this stream: discard
        }
        acknowledge(isn + expected);
    }
}
