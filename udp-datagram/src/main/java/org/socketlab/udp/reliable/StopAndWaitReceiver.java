package org.socketlab.udp.reliable;

/**
 * Stop-and-wait receiver: accepts the segment carrying the expected sequence number, delivers it
 * and acknowledges it; any other sequenced segment is a copy of one already delivered, so it is
 * acknowledged again (the first ACK may have been lost) and discarded.
 */
public final class StopAndWaitReceiver extends AbstractReliableReceiver {
    private final SequenceSpace space;
    private long expectedIndex;

    public StopAndWaitReceiver(SequenceSpace space) {
        this.space = space;
    }

    @Override
    public void onSegment(Segment segment, long nowNanos) {
        if (!segment.isSequenced()) {
            return;
        }
        int expected = space.seqFor(expectedIndex);
        if (segment.seq() == expected && !isFinished()) {
            countAccepted();
            deliver(segment.payload(), segment.type() == Segment.Type.FIN);
            expectedIndex++;
            acknowledge(segment.seq());
        } else if (isPrevious(segment.seq())) {
            countDuplicate();
            acknowledge(segment.seq());
        } else {
            countOutsideWindow(); // WIDE space only: a sequence number we never asked for.
        }
    }

    /** ALTERNATING_BIT: any other bit is the previous one. WIDE: anything already delivered. */
    private boolean isPrevious(int seq) {
        if (space == SequenceSpace.ALTERNATING_BIT) {
            return expectedIndex > 0;
        }
        return Integer.compareUnsigned(seq, space.seqFor(expectedIndex)) < 0 || isFinished();
    }
}
