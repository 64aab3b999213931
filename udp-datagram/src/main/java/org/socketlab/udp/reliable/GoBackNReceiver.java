package org.socketlab.udp.reliable;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Go-Back-N receiver: accepts only the next expected segment, discards everything else, and
 * answers every sequenced segment with a cumulative {@code ACK(n)} — "send me n next", like TCP's
 * acknowledgement number. No buffer: a segment that arrives early is simply sent again later.
 */
public final class GoBackNReceiver implements ReliableReceiver {
    private final int isn;
    private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
    private final List<Segment> outgoing = new ArrayList<>();
    private int expected;
    private boolean finDelivered;
    private long accepted;
    private long duplicates;
    private long outsideWindow;
    private long acksSent;

    public GoBackNReceiver(ReliabilityConfig config) {
        this.isn = config.initialSequenceNumber();
    }

    @Override
    public void onSegment(Segment segment, long nowNanos) {
        if (!segment.isSequenced()) {
            return;
        }
        int index = segment.seq() - isn; // modular distance from the ISN
        if (index == expected && !finDelivered) {
            accepted++;
            delivered.writeBytes(segment.payload());
            finDelivered = segment.type() == Segment.Type.FIN;
            expected++;
        } else if (index >= 0 && index < expected) {
            duplicates++;
        } else {
            outsideWindow++; // arrived early (a gap before it) or not part of this stream: discard
        }
        outgoing.add(Segment.ack(isn + expected));
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
        return finDelivered;
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
