package org.socketlab.udp.reliable;

/**
 * Selective-repeat receiver: buffers segments that arrive out of order within its window
 * [base, base + window), acknowledges each one individually, and delivers the stream in order
 * as the gap at {@code base} fills. A segment below {@code base} is a duplicate: acknowledged
 * again (its first ACK may have been lost) and discarded.
 */
public final class SelectiveRepeatReceiver extends AbstractReliableReceiver {
    private final int window;
    private final int isn;
    private final byte[][] buffered;
    private final boolean[] present;
    private final boolean[] isFin;
    private int base;

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
            countOutsideWindow(); // before the ISN: not part of this stream
            return;
        }
        if (index < base) {
            countDuplicate();
            acknowledge(segment.seq());
            return;
        }
        if (index >= base + window || isFinished()) {
            countOutsideWindow(); // the sender never sends beyond our window: a stray or forged segment
            return;
        }
        int slot = index % window;
        if (present[slot]) {
            countDuplicate();
        } else {
            countAccepted();
            present[slot] = true;
            buffered[slot] = segment.payload();
            isFin[slot] = segment.type() == Segment.Type.FIN;
        }
        acknowledge(segment.seq());
        deliverInOrder();
    }

    private void deliverInOrder() {
        while (!isFinished() && present[base % window]) {
            int slot = base % window;
            deliver(buffered[slot], isFin[slot]);
            present[slot] = false;
            buffered[slot] = null;
            base++;
        }
    }
}
