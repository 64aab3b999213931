package org.socketlab.udp.reliable;

/**
 * Go-Back-N sender: up to {@code windowSize} segments in flight and a single timer for the oldest
 * one. ACKs are cumulative — {@code ACK(n)} means "everything before sequence number n arrived" —
 * and when the timer expires the sender goes back to the oldest unacknowledged segment and resends
 * the whole window. Simple for the receiver (no buffer), wasteful on a lossy link: compare its
 * retransmission count with {@link SelectiveRepeatSender}'s.
 */
public final class GoBackNSender extends AbstractReliableSender {
    private final int window;
    private final int isn;
    /** Per in-flight slot (index % window): send time, and whether it was ever resent (Karn). */
    private final long[] sentAt;
    private final boolean[] retransmitted;

    private int base;
    private int next;
    private int timeoutsOfBase;
    private long deadlineNanos = Long.MAX_VALUE;

    public GoBackNSender(byte[] data, ReliabilityConfig config, long nowNanos) {
        super(data, config);
        this.window = config.windowSize();
        this.isn = config.initialSequenceNumber();
        this.sentAt = new long[window];
        this.retransmitted = new boolean[window];
        fillWindow(nowNanos);
    }

    @Override
    protected boolean onAck(int ackNumber, long nowNanos) {
        int acknowledgedUpTo = ackNumber - isn; // cumulative: indexes below this arrived
        if (acknowledgedUpTo <= base || acknowledgedUpTo > next) {
            return false; // no progress (a repeat after a loss or reordering), or never sent
        }
        int newest = (acknowledgedUpTo - 1) % window;
        if (retransmitted[newest]) {
            rto.resetBackoff(); // Karn's algorithm: ambiguous, so no sample; progress ends the backoff
        } else {
            rto.sample(nowNanos - sentAt[newest]);
        }
        base = acknowledgedUpTo;
        timeoutsOfBase = 0;
        deadlineNanos = base < next ? deadlineFrom(nowNanos) : Long.MAX_VALUE;
        fillWindow(nowNanos);
        return true;
    }

    @Override
    public void tick(long nowNanos) {
        if (isFinished() || nowNanos < deadlineNanos) {
            return;
        }
        countTimeout();
        if (timeoutsOfBase >= maxRetransmissions) {
            giveUp("segment " + base + " (seq " + Integer.toUnsignedString(isn + base) + ")", timeoutsOfBase);
            return;
        }
        timeoutsOfBase++;
        rto.backOff(); // RFC 6298 §5.5
        for (int index = base; index < next; index++) { // go back N: resend the whole window
            retransmitted[index % window] = true;
            countRetransmission();
            send(index, nowNanos);
        }
        deadlineNanos = deadlineFrom(nowNanos);
    }

    private void fillWindow(long nowNanos) {
        while (next < chunks.count() && next - base < window) {
            retransmitted[next % window] = false;
            send(next, nowNanos);
            if (base == next) {
                deadlineNanos = deadlineFrom(nowNanos); // the timer runs for the oldest segment
            }
            next++;
        }
    }

    private void send(int index, long nowNanos) {
        transmit(chunks.segment(index, isn + index));
        sentAt[index % window] = nowNanos;
    }

    @Override
    protected int firstUnacknowledged() {
        return base;
    }

    @Override
    protected long timerDeadlineNanos() {
        return deadlineNanos;
    }
}
