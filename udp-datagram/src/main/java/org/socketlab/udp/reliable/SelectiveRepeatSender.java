package org.socketlab.udp.reliable;

/**
 * Selective-repeat sender: up to {@code windowSize} segments in flight, each with its own timer;
 * the receiver acknowledges every segment individually, so a timeout retransmits only the segment
 * that was lost (Go-Back-N would resend the whole window). The window slides when its oldest
 * segment is acknowledged.
 *
 * <p>Sequence numbers are 32-bit and start at the configured ISN; a segment's index in the stream
 * is {@code seq - isn} in modular arithmetic (RFC 1982), so the stream may cross 2^32.
 */
public final class SelectiveRepeatSender extends AbstractReliableSender {
    private final int window;
    private final int isn;
    /** Per in-flight slot (index % window): send time, deadline, retransmission count, acked. */
    private final long[] sentAt;
    private final long[] deadline;
    private final int[] retransmitted;
    private final boolean[] acked;

    private int base;
    private int next;

    public SelectiveRepeatSender(byte[] data, ReliabilityConfig config, long nowNanos) {
        super(data, config);
        this.window = config.windowSize();
        this.isn = config.initialSequenceNumber();
        this.sentAt = new long[window];
        this.deadline = new long[window];
        this.retransmitted = new int[window];
        this.acked = new boolean[window];
        fillWindow(nowNanos);
    }

    @Override
    protected boolean onAck(int ackNumber, long nowNanos) {
        int index = ackNumber - isn; // modular: RFC 1982 serial-number distance
        if (index < base || index >= next || acked[index % window]) {
            return false; // already acknowledged, or never sent: no news
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
        return true;
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
                giveUp("segment " + index + " (seq " + Integer.toUnsignedString(isn + index) + ")", retransmitted[slot]);
                return;
            }
            if (!expired) {
                rto.backOff(); // RFC 6298 §5.5, once per expiry event rather than once per segment
                expired = true;
                countTimeout();
            }
            retransmitted[slot]++;
            countRetransmission();
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
        transmit(chunks.segment(index, isn + index));
        sentAt[slot] = nowNanos;
        deadline[slot] = deadlineFrom(nowNanos);
    }

    @Override
    protected int firstUnacknowledged() {
        return base;
    }

    @Override
    protected long timerDeadlineNanos() {
        long earliest = Long.MAX_VALUE;
        for (int index = base; index < next; index++) {
            if (!acked[index % window]) {
                earliest = Math.min(earliest, deadline[index % window]);
            }
        }
        return earliest;
    }
}
