package org.socketlab.udp.reliable;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Selective-repeat receiver: buffers segments that arrive out of order within its window
 * [base, base + window), acknowledges each one individually, and delivers the stream in order
 * as the gap at {@code base} fills. A segment below {@code base} is a duplicate: acknowledged
 * again (its first ACK may have been lost) and discarded.
 */
public final class SelectiveRepeatReceiver implements ReliableReceiver {
    private final int window;
    private final int isn;
    private final byte[][] buffered;
    private final boolean[] present;
    private final boolean[] isFin;
    private final ByteArrayOutputStream delivered = new ByteArrayOutputStream();
    private final List<Segment> outgoing = new ArrayList<>();
    private int base;
    private boolean finDelivered;
    private long accepted;
    private long duplicates;
    private long outsideWindow;
    private long acksSent;

    public SelectiveRepeatReceiver(ReliabilityConfig config) {
        this.window = config.windowSize();
        this.isn = config.initialSequenceNumber();
        this.buffered = new byte[window][];
        this.present = new boolean[window];
        this.isFin = new boolean[window];
    }

    @Override
    public void onSegment(Segment segment, long nowNanos) {
        if (!segment.isSequenced()) {
            return;
        }
        int index = segment.seq() - isn; // modular distance from the ISN
        if (index < 0) {
            outsideWindow++; // before the ISN: not part of this stream
            return;
        }
        if (index < base) {
            duplicates++;
            acknowledge(segment.seq());
            return;
        }
        if (index >= base + window || finDelivered) {
            outsideWindow++; // the sender never sends beyond our window: a stray or forged segment
            return;
        }
        int slot = index % window;
        if (present[slot]) {
            duplicates++;
        } else {
            accepted++;
            present[slot] = true;
            buffered[slot] = segment.payload();
            isFin[slot] = segment.type() == Segment.Type.FIN;
        }
        acknowledge(segment.seq());
        deliverInOrder();
    }

    private void deliverInOrder() {
        while (!finDelivered && present[base % window]) {
            int slot = base % window;
            delivered.writeBytes(buffered[slot]);
            finDelivered = isFin[slot];
            present[slot] = false;
            buffered[slot] = null;
            base++;
        }
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
