package org.socketlab.udp.reliable;

/**
 * Retransmission timeout estimator after RFC 6298: a smoothed round-trip time (SRTT), its mean
 * deviation (RTTVAR), and RTO = SRTT + max(G, 4·RTTVAR), clamped to [minRto, maxRto], doubled on
 * every timeout (exponential backoff, §5.5).
 *
 * <p>Differences from the RFC, on purpose: the initial RTO and the lower bound are configurable
 * because the RFC's 1 s floor (§2.4) is tuned for the Internet and would make a loopback lab
 * crawl. Callers apply Karn's algorithm (§3): never sample a segment that was retransmitted,
 * since its acknowledgement cannot be matched to one transmission. And when such an ACK does
 * acknowledge new data, callers may {@link #resetBackoff()}: RFC 6298 §5.7 keeps the backed-off
 * RTO until the next sample, but at 30% loss samples are rare and the doubled RTO would then
 * stall every following segment too. (Linux gets the same effect differently: with TCP
 * timestamps, RFC 7323, every ACK is an unambiguous sample and clears the backoff.)
 */
public final class RtoEstimator {
    /** Clock granularity G of §2; our clock is nanoseconds, so 1 ms is a generous bound. */
    static final long GRANULARITY_NANOS = 1_000_000L;

    private final long minRtoNanos;
    private final long maxRtoNanos;
    private long srttNanos = -1;
    private long rttvarNanos;
    private long rtoNanos;
    private long estimatedRtoNanos;

    public RtoEstimator(long initialRtoNanos, long minRtoNanos, long maxRtoNanos) {
        if (minRtoNanos <= 0 || maxRtoNanos < minRtoNanos) {
            throw new IllegalArgumentException("RTO bounds are [" + minRtoNanos + ", " + maxRtoNanos
                    + "] ns; they must satisfy 0 < min <= max");
        }
        this.minRtoNanos = minRtoNanos;
        this.maxRtoNanos = maxRtoNanos;
        this.rtoNanos = clamp(initialRtoNanos);
        this.estimatedRtoNanos = rtoNanos;
    }

    /** Feeds one round-trip measurement R of a segment that was sent exactly once. */
    public void sample(long rttNanos) {
        // BEGIN SOLUTION lab=05 task="estimate the RTO from a round-trip sample (RFC 6298 §2)"
        long r = Math.max(0, rttNanos);
        if (srttNanos < 0) {
            // RFC 6298 §2.2: first measurement.
            srttNanos = r;
            rttvarNanos = r / 2;
        } else {
            // RFC 6298 §2.3: beta = 1/4, alpha = 1/8; RTTVAR is updated with the old SRTT.
            rttvarNanos = (3 * rttvarNanos + Math.abs(srttNanos - r)) / 4;
            srttNanos = (7 * srttNanos + r) / 8;
        }
        estimatedRtoNanos = clamp(srttNanos + Math.max(GRANULARITY_NANOS, 4 * rttvarNanos));
        rtoNanos = estimatedRtoNanos;
        // END SOLUTION
    }

    /** New data was acknowledged: drop the exponential backoff, return to the estimate. */
    public void resetBackoff() {
        rtoNanos = estimatedRtoNanos;
    }

    /** RFC 6298 §5.5: the timer expired, so double the RTO (up to the maximum). */
    public void backOff() {
        // BEGIN SOLUTION lab=05 task="back off: double the RTO after a timeout (RFC 6298 §5.5)"
        rtoNanos = clamp(rtoNanos > maxRtoNanos / 2 ? maxRtoNanos : rtoNanos * 2);
        // END SOLUTION
    }

    public long rtoNanos() {
        return rtoNanos;
    }

    /** The smoothed RTT, or -1 before the first sample. */
    public long srttNanos() {
        return srttNanos;
    }

    public long rttvarNanos() {
        return rttvarNanos;
    }

    private long clamp(long value) {
        return Math.max(minRtoNanos, Math.min(maxRtoNanos, value));
    }
}
