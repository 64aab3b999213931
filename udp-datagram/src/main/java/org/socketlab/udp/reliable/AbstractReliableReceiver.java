package org.socketlab.udp.reliable;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What every receiver keeps besides its acceptance rule: the stream delivered in order, the ACKs
 * waiting to be sent, and the counters behind {@link ReceiverStats}. A subclass decides in
 * {@link #onSegment} which segments to accept, deliver and acknowledge.
 */
abstract class AbstractReliableReceiver implements ReliableReceiver {
    private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
    private final List<Segment> outgoing = new ArrayList<>();
    private boolean finDelivered;
    private long accepted;
    private long duplicates;
    private long outsideWindow;
    private long acksSent;

    /** Appends the next in-order payload to the stream; once the FIN's is delivered, the stream is complete. */
    protected final void deliver(byte[] payload, boolean fin) {
        delivered.writeBytes(payload);
        finDelivered = fin;
    }

    protected final void acknowledge(int seq) {
        outgoing.add(Segment.ack(seq));
        acksSent++;
    }

    /** A sequenced segment seen for the first time. */
    protected final void countAccepted() {
        accepted++;
    }

    /** A copy of a segment already accepted. */
    protected final void countDuplicate() {
        duplicates++;
    }

    /** A segment the receiver will not take: outside its window or not part of this stream. */
    protected final void countOutsideWindow() {
        outsideWindow++;
    }

    @Override
    public final List<Segment> pollOutgoing() {
        List<Segment> drained = List.copyOf(outgoing);
        outgoing.clear();
        return drained;
    }

    @Override
    public final boolean isFinished() {
        return finDelivered;
    }

    @Override
    public final byte[] received() {
        return delivered.toByteArray();
    }

    @Override
    public final ReceiverStats stats() {
        return new ReceiverStats(accepted, duplicates, outsideWindow, acksSent, delivered.size());
    }
}
