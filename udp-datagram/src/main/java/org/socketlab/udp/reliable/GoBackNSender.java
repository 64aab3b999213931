package org.socketlab.udp.reliable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Go-Back-N sender: up to {@code windowSize} segments in flight and a single timer for the oldest
 * one. ACKs are cumulative — {@code ACK(n)} means "everything before sequence number n arrived" —
 * and when the timer expires the sender goes back to the oldest unacknowledged segment and resends
 * the whole window. Simple for the receiver (no buffer), wasteful on a lossy link: compare its
 * retransmission count with {@link SelectiveRepeatSender}'s.
 */
public final class GoBackNSender implements ReliableSender {
    private final StreamChunks chunks;
    private final int window;
    private final int isn;
    private final int maxRetransmissions;
    private final RtoEstimator rto;
    private final List<Segment> outgoing = new ArrayList<>();
    private final long[] sentAt;
    private final boolean[] retransmitted;

    private int base;
    private int next;
    private int timeoutsOfBase;
    private long deadlineNanos = Long.MAX_VALUE;
    private String failure;
    private long segmentsSent;
    private long retransmissions;
    private long timeouts;
    private long acksReceived;
    private long duplicateAcks;

    public GoBackNSender(byte[] data, ReliabilityConfig config, long nowNanos) {
        this.chunks = new StreamChunks(data, config.segmentSize());
        this.window = config.windowSize();
        this.isn = config.initialSequenceNumber();
        this.maxRetransmissions = config.maxRetransmissions();
        this.rto = config.newRtoEstimator();
        this.sentAt = new long[window];
        this.retransmitted = new boolean[window];
        fillWindow(nowNanos);
    }

    @Override
    public void onSegment(Segment segment, long nowNanos) {
        if (segment.type() != Segment.Type.ACK || isFinished()) {
            return;
        }
        acksReceived++;
        int acknowledgedUpTo = segment.seq() - isn; // cumulative: indexes below this arrived
        if (acknowledgedUpTo <= base || acknowledgedUpTo > next) {
            duplicateAcks++; // no progress (a repeat after a loss or reordering), or never sent
            return;
        }
        int newest = (acknowledgedUpTo - 1) % window;
        if (retransmitted[newest]) {
            rto.resetBackoff(); // Karn's algorithm: ambiguous, so no sample; progress ends the backoff
        } else {
            rto.sample(nowNanos - sentAt[newest]);
        }
        base = acknowledgedUpTo;
        timeoutsOfBase = 0;
        deadlineNanos = base < next ? nowNanos + rto.rtoNanos() : Long.MAX_VALUE;
        fillWindow(nowNanos);
    }

    @Override
    public void tick(long nowNanos) {
        if (isFinished() || nowNanos < deadlineNanos) {
            return;
        }
        timeouts++;
        if (timeoutsOfBase >= maxRetransmissions) {
            failure = "segment " + base + " (seq " + Integer.toUnsignedString(isn + base) + ") was retransmitted "
                    + timeoutsOfBase + " times without an acknowledgement; the limit is " + maxRetransmissions;
            deadlineNanos = Long.MAX_VALUE;
            return;
        }
        timeoutsOfBase++;
        rto.backOff(); // RFC 6298 §5.5
        for (int index = base; index < next; index++) { // go back N: resend the whole window
            retransmitted[index % window] = true;
            retransmissions++;
            send(index, nowNanos);
        }
        deadlineNanos = nowNanos + rto.rtoNanos();
    }

    private void fillWindow(long nowNanos) {
        while (next < chunks.count() && next - base < window) {
            retransmitted[next % window] = false;
            send(next, nowNanos);
            if (base == next) {
                deadlineNanos = nowNanos + rto.rtoNanos(); // the timer runs for the oldest segment
            }
            next++;
        }
    }

    private void send(int index, long nowNanos) {
        outgoing.add(chunks.segment(index, isn + index));
        segmentsSent++;
        sentAt[index % window] = nowNanos;
    }

    @Override
    public List<Segment> pollOutgoing() {
        List<Segment> drained = List.copyOf(outgoing);
        outgoing.clear();
        return drained;
    }

    @Override
    public long nextDeadlineNanos() {
        return isFinished() ? Long.MAX_VALUE : deadlineNanos;
    }

    @Override
    public boolean isFinished() {
        return base >= chunks.count() || failure != null;
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public SenderStats stats() {
        return new SenderStats(segmentsSent, retransmissions, timeouts, acksReceived, duplicateAcks, rto.rtoNanos());
    }
}
