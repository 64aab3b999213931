package org.socketlab.udp.reliable;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Stop-and-wait receiver: accepts the segment carrying the expected sequence number, delivers it
 * and acknowledges it; any other sequenced segment is a copy of one already delivered, so it is
 * acknowledged again (the first ACK may have been lost) and discarded.
 */
public final class StopAndWaitReceiver implements ReliableReceiver {
    private final SequenceSpace space;
    private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
    private final List<Segment> outgoing = new ArrayList<>();
    private long expectedIndex;
    private boolean finReceived;
    private long accepted;
    private long duplicates;
    private long outsideWindow;
    private long acksSent;

    public StopAndWaitReceiver(SequenceSpace space) {
        this.space = space;
    }

    @Override
    public void onSegment(Segment segment, long nowNanos) {
        if (!segment.isSequenced()) {
            return;
        }
        int expected = space.seqFor(expectedIndex);
        if (segment.seq() == expected && !finReceived) {
            accepted++;
            delivered.writeBytes(segment.payload());
            finReceived = segment.type() == Segment.Type.FIN;
            expectedIndex++;
            acknowledge(segment.seq());
        } else if (isPrevious(segment.seq())) {
            duplicates++;
            acknowledge(segment.seq());
        } else {
            outsideWindow++; // WIDE space only: a sequence number we never asked for.
        }
    }

    /** ALTERNATING_BIT: any other bit is the previous one. WIDE: anything already delivered. */
    private boolean isPrevious(int seq) {
        if (space == SequenceSpace.ALTERNATING_BIT) {
            return expectedIndex > 0;
        }
        return Integer.compareUnsigned(seq, space.seqFor(expectedIndex)) < 0 || finReceived;
    }

    private void acknowledge(int seq) {
        outgoing.add(Segment.ack(seq));
        acksSent++;
    }

    @Override
    public List<Segment> pollOutgoing() {
        List<Segment> drained = List.copyOf(outgoing);
        outgoing.clear();
        return drained;
    }

    @Override
    public boolean isFinished() {
        return finReceived;
    }

    @Override
    public byte[] received() {
        return delivered.toByteArray();
    }

    @Override
    public ReceiverStats stats() {
        return new ReceiverStats(accepted, duplicates, outsideWindow, acksSent, delivered.size());
    }
}
