package org.socketlab.udp.reliable;

/**
 * Stop-and-wait sender: one segment in flight; send it, start the timer, wait for its ACK,
 * retransmit on timeout with a doubled RTO. With {@link SequenceSpace#ALTERNATING_BIT} this is
 * the alternating-bit protocol (Bartlett, Scantlebury and Wilkinson, 1969).
 */
public final class StopAndWaitSender extends AbstractReliableSender {
    private final SequenceSpace space;

    private int index;
    private Segment inFlight;
    private long sentAtNanos;
    private boolean retransmitted;
    private int retransmissionsOfCurrent;
    private long deadlineNanos = Long.MAX_VALUE;

    public StopAndWaitSender(byte[] data, ReliabilityConfig config, SequenceSpace space, long nowNanos) {
        super(data, config);
        this.space = space;
        transmitNew(nowNanos);
    }

    @Override
    protected boolean onAck(int ackNumber, long nowNanos) {
        if (ackNumber != inFlight.seq()) {
            return false; // an ACK for the previous segment (a duplicate or a late one): it carries no news
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
            inFlight = null; // the FIN was acknowledged: the transfer is done and no timer runs
        }
        return true;
    }

    @Override
    public void tick(long nowNanos) {
        // BEGIN SOLUTION lab=05 task="the retransmission timer: on expiry back off the RTO and resend the segment in flight"
        if (isFinished() || nowNanos < deadlineNanos) {
            return;
        }
        countTimeout();
        if (retransmissionsOfCurrent >= maxRetransmissions) {
            giveUp("segment " + index + " (" + inFlight + ")", retransmissionsOfCurrent);
            return;
        }
        rto.backOff(); // RFC 6298 §5.5
        retransmitted = true;
        retransmissionsOfCurrent++;
        countRetransmission();
        send(inFlight, nowNanos);
        // END SOLUTION
    }

    private void transmitNew(long nowNanos) {
        inFlight = chunks.segment(index, space.seqFor(index));
        retransmitted = false;
        retransmissionsOfCurrent = 0;
        send(inFlight, nowNanos);
    }

    /** Every transmission, first or repeat, restarts the one timer and the RTT measurement. */
    private void send(Segment segment, long nowNanos) {
        transmit(segment);
        sentAtNanos = nowNanos;
        deadlineNanos = deadlineFrom(nowNanos);
    }

    @Override
    protected int firstUnacknowledged() {
        return index;
    }

    @Override
    protected long timerDeadlineNanos() {
        return deadlineNanos;
    }
}
