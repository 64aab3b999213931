package org.socketlab.udp.reliable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every sender keeps besides its protocol: the stream cut into segments, the RTO estimator,
 * the retransmission budget, the segments waiting to be sent, why it gave up, and the counters
 * behind {@link SenderStats}. A subclass decides what an ACK acknowledges ({@link #onAck}), when
 * its timers expire and what a timeout retransmits ({@link #tick}).
 */
abstract class AbstractReliableSender implements ReliableSender {
    /** The stream as DATA segments plus the FIN; index {@code chunks.count() - 1} is the FIN. */
    protected final StreamChunks chunks;
    protected final RtoEstimator rto;
    /** Retransmissions of one segment before the sender gives up. */
    protected final int maxRetransmissions;

    private final List<Segment> outgoing = new ArrayList<>();
    private String failure;
    private long segmentsSent;
    private long retransmissions;
    private long timeouts;
    private long acksReceived;
    private long duplicateAcks;

    protected AbstractReliableSender(byte[] data, ReliabilityConfig config) {
        this.chunks = new StreamChunks(data, config.segmentSize());
        this.rto = config.newRtoEstimator();
        this.maxRetransmissions = config.maxRetransmissions();
    }

    /**
     * An ACK with acknowledgement number {@code ackNumber} arrived while the transfer runs.
     *
     * @return false when it carries no news (a repeat, a stale copy, or a number never sent)
     */
    protected abstract boolean onAck(int ackNumber, long nowNanos);

    /** The index of the oldest segment not yet acknowledged; past the FIN, the transfer is done. */
    protected abstract int firstUnacknowledged();

    /** The earliest deadline among this sender's running timers, or {@link Long#MAX_VALUE}. */
    protected abstract long timerDeadlineNanos();

    @Override
    public final void onSegment(Segment segment, long nowNanos) {
        if (segment.type() != Segment.Type.ACK || isFinished()) {
            return;
        }
        acksReceived++;
        if (!onAck(segment.seq(), nowNanos)) {
            duplicateAcks++;
        }
    }

    /** Queues a segment for the wire; every transmission counts, the first and each repeat. */
    protected final void transmit(Segment segment) {
        outgoing.add(segment);
        segmentsSent++;
    }

    /** When a timer started at {@code nowNanos} expires: one RTO later (RFC 6298 §5.1). */
    protected final long deadlineFrom(long nowNanos) {
        return nowNanos + rto.rtoNanos();
    }

    /** A retransmission timer expired (once per expiry event, however many segments it resends). */
    protected final void countTimeout() {
        timeouts++;
    }

    /** A transmission beyond a segment's first. */
    protected final void countRetransmission() {
        retransmissions++;
    }

    /** Ends the transfer: {@code segment} was retransmitted {@code times} times, the whole budget. */
    protected final void giveUp(String segment, int times) {
        failure = segment + " was retransmitted " + times + " times without an acknowledgement; the limit is "
                + maxRetransmissions;
    }

    @Override
    public final List<Segment> pollOutgoing() {
        List<Segment> drained = List.copyOf(outgoing);
        outgoing.clear();
        return drained;
    }

    @Override
    public final long nextDeadlineNanos() {
        return isFinished() ? Long.MAX_VALUE : timerDeadlineNanos();
    }

    @Override
    public final boolean isFinished() {
        return firstUnacknowledged() >= chunks.count() || failure != null;
    }

    @Override
    public final Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public final SenderStats stats() {
        return new SenderStats(segmentsSent, retransmissions, timeouts, acksReceived, duplicateAcks, rto.rtoNanos());
    }
}
