package org.socketlab.udp.reliable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Selective-repeat sender: up to {@code windowSize} segments in flight, each with its own timer;
 * the receiver acknowledges every segment individually, so a timeout retransmits only the segment
 * that was lost (Go-Back-N would resend the whole window). The window slides when its oldest
 * segment is acknowledged.
 *
 * <p>Sequence numbers are 32-bit and start at the configured ISN; a segment's index in the stream
 * is {@code seq - isn} in modular arithmetic (RFC 1982), so the stream may cross 2^32.
 */
public final class SelectiveRepeatSender implements ReliableSender {
    private final StreamChunks chunks;
    private final int window;
    private final int isn;
    private final int maxRetransmissions;
    private final RtoEstimator rto;
    private final List<Segment> outgoing = new ArrayList<>();
    /** Per in-flight slot (index % window): send time, deadline, retransmission count, acked. */
    private final long[] sentAt;
    private final long[] deadline;
    private final int[] retransmitted;
    private final boolean[] acked;

    private int base;
    private int next;
    private String failure;
    private long segmentsSent;
    private long retransmissions;
    private long timeouts;
    private long acksReceived;
    private long duplicateAcks;

    public SelectiveRepeatSender(byte[] data, ReliabilityConfig config, long nowNanos) {
        this.chunks = new StreamChunks(data, config.segmentSize());
        this.window = config.windowSize();
        this.isn = config.initialSequenceNumber();
        this.maxRetransmissions = config.maxRetransmissions();
        this.rto = config.newRtoEstimator();
        this.sentAt = new long[window];
        this.deadline = new long[window];
        this.retransmitted = new int[window];
        this.acked = new boolean[window];
        fillWindow(nowNanos);
    }

    @Override
    public void onSegment(Segment segment, long nowNanos) {
        if (segment.type() != Segment.Type.ACK || isFinished()) {
            return;
        }
        acksReceived++;
        int index = segment.seq() - isn; // modular: RFC 1982 serial-number distance
        if (index < base || index >= next || acked[index % window]) {
            duplicateAcks++; // already acknowledged, or never sent: no news
            return;
        }
        int slot = index % window;
        acked[slot] = true;
        if (retransmitted[slot] == 0) {
            rto.sample(nowNanos - sentAt[slot]);
        } else {
            rto.resetBackoff(); // Karn's algorithm: no sample from an ambiguous ACK, but progress ends the backoff
        }
        while (base < next && acked[base % window]) {
            base++;
        }
        fillWindow(nowNanos);
    }

    @Override
    public void tick(long nowNanos) {
        if (isFinished()) {
            return;
        }
        boolean expired = false;
        for (int index = base; index < next; index++) {
            int slot = index % window;
            if (acked[slot] || deadline[slot] > nowNanos) {
                continue;
            }
            if (retransmitted[slot] >= maxRetransmissions) {
                failure = "segment " + index + " (seq " + Integer.toUnsignedString(isn + index) + ") was retransmitted "
                        + retransmitted[slot] + " times without an acknowledgement; the limit is " + maxRetransmissions;
                return;
            }
            if (!expired) {
                rto.backOff(); // RFC 6298 §5.5, once per expiry event rather than once per segment
                expired = true;
                timeouts++;
            }
            retransmitted[slot]++;
            retransmissions++;
            send(index, nowNanos);
        }
    }

    private void fillWindow(long nowNanos) {
        while (next < chunks.count() && next - base < window) {
            int slot = next % window;
            acked[slot] = false;
            retransmitted[slot] = 0;
            send(next, nowNanos);
            next++;
        }
    }

    private void send(int index, long nowNanos) {
        int slot = index % window;
        outgoing.add(chunks.segment(index, isn + index));
        segmentsSent++;
        sentAt[slot] = nowNanos;
        deadline[slot] = nowNanos + rto.rtoNanos();
    }

    @Override
    public List<Segment> pollOutgoing() {
        List<Segment> drained = List.copyOf(outgoing);
        outgoing.clear();
        return drained;
    }

    @Override
    public long nextDeadlineNanos() {
        if (isFinished()) {
            return Long.MAX_VALUE;
        }
        long earliest = Long.MAX_VALUE;
        for (int index = base; index < next; index++) {
            if (!acked[index % window]) {
                earliest = Math.min(earliest, deadline[index % window]);
            }
        }
        return earliest;
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
