package org.socketlab.udp.reliable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stop-and-wait sender: one segment in flight; send it, start the timer, wait for its ACK,
 * retransmit on timeout with a doubled RTO. With {@link SequenceSpace#ALTERNATING_BIT} this is
 * the alternating-bit protocol (Bartlett, Scantlebury and Wilkinson, 1969).
 */
public final class StopAndWaitSender implements ReliableSender {
    private final StreamChunks chunks;
    private final SequenceSpace space;
    private final int maxRetransmissions;
    private final RtoEstimator rto;
    private final List<Segment> outgoing = new ArrayList<>();

    private int index;
    private Segment inFlight;
    private long sentAtNanos;
    private boolean retransmitted;
    private int retransmissionsOfCurrent;
    private long deadlineNanos = Long.MAX_VALUE;
    private String failure;
    private long segmentsSent;
    private long retransmissions;
    private long timeouts;
    private long acksReceived;
    private long duplicateAcks;

    public StopAndWaitSender(byte[] data, ReliabilityConfig config, SequenceSpace space, long nowNanos) {
        this.chunks = new StreamChunks(data, config.segmentSize());
        this.space = space;
        this.maxRetransmissions = config.maxRetransmissions();
        this.rto = config.newRtoEstimator();
        transmitNew(nowNanos);
    }

    @Override
    public void onSegment(Segment segment, long nowNanos) {
        if (segment.type() != Segment.Type.ACK || isFinished()) {
            return;
        }
        acksReceived++;
        if (segment.seq() != inFlight.seq()) {
            // An ACK for the previous segment (a duplicate or a late one): it carries no news.
            duplicateAcks++;
            return;
        }
        if (retransmitted) {
            rto.resetBackoff(); // Karn's algorithm: no sample from an ambiguous ACK, but progress ends the backoff
        } else {
            rto.sample(nowNanos - sentAtNanos);
        }
        index++;
        if (index < chunks.count()) {
            transmitNew(nowNanos);
        } else {
            inFlight = null;
            deadlineNanos = Long.MAX_VALUE;
        }
    }

    @Override
    public void tick(long nowNanos) {
        // BEGIN SOLUTION lab=05 task="the retransmission timer: on expiry back off the RTO and resend the segment in flight"
        if (isFinished() || nowNanos < deadlineNanos) {
            return;
        }
        timeouts++;
        if (retransmissionsOfCurrent >= maxRetransmissions) {
            failure = "segment " + index + " (" + inFlight + ") was retransmitted " + retransmissionsOfCurrent
                    + " times without an acknowledgement; the limit is " + maxRetransmissions;
            deadlineNanos = Long.MAX_VALUE;
            return;
        }
        rto.backOff(); // RFC 6298 §5.5
        retransmitted = true;
        retransmissionsOfCurrent++;
        retransmissions++;
        send(inFlight, nowNanos);
        // END SOLUTION
    }

    private void transmitNew(long nowNanos) {
        inFlight = chunks.segment(index, space.seqFor(index));
        retransmitted = false;
        retransmissionsOfCurrent = 0;
        send(inFlight, nowNanos);
    }

    private void send(Segment segment, long nowNanos) {
        outgoing.add(segment);
        segmentsSent++;
        sentAtNanos = nowNanos;
        deadlineNanos = nowNanos + rto.rtoNanos();
    }

    @Override
    public List<Segment> pollOutgoing() {
        List<Segment> drained = List.copyOf(outgoing);
        outgoing.clear();
        return drained;
    }

    @Override
    public long nextDeadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public boolean isFinished() {
        return index >= chunks.count() || failure != null;
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
