package org.socketlab.udp.reliable;

import java.time.Duration;

/**
 * Every knob of the reliability protocols, with defaults tuned for a loopback lab.
 *
 * @param segmentSize           payload bytes per DATA segment (1 .. {@link SegmentCodec#MAX_PAYLOAD})
 * @param windowSize            segments in flight for the sliding window (stop-and-wait uses 1)
 * @param initialRto            RTO before the first RTT sample (RFC 6298 §2.1 says 1 s; loopback needs far less)
 * @param minRto                lower bound of the RTO (RFC 6298 §2.4 says 1 s; see {@link RtoEstimator})
 * @param maxRto                upper bound of the RTO, also caps exponential backoff
 * @param maxRetransmissions    retransmissions of one segment before the sender gives up
 * @param initialSequenceNumber first sequence number of the sliding window (both ends must agree;
 *                              there is no handshake). Set it near 2^32 to exercise wrap-around.
 */
public record ReliabilityConfig(int segmentSize, int windowSize, Duration initialRto, Duration minRto,
                                Duration maxRto, int maxRetransmissions, int initialSequenceNumber) {

    /** Largest window: far below 2^31 so serial-number comparison (RFC 1982) stays unambiguous. */
    public static final int MAX_WINDOW = 1 << 16;

    public ReliabilityConfig {
        if (segmentSize < 1 || segmentSize > SegmentCodec.MAX_PAYLOAD) {
            throw new IllegalArgumentException("segment size is " + segmentSize + " bytes; it must be within [1, "
                    + SegmentCodec.MAX_PAYLOAD + "] (65,507-byte IPv4 UDP payload minus 12 bytes of segment overhead)");
        }
        if (windowSize < 1 || windowSize > MAX_WINDOW) {
            throw new IllegalArgumentException("window size is " + windowSize + " segments; it must be within [1, " + MAX_WINDOW + "]");
        }
        requirePositive("initial RTO", initialRto);
        requirePositive("minimum RTO", minRto);
        requirePositive("maximum RTO", maxRto);
        if (maxRto.compareTo(minRto) < 0) {
            throw new IllegalArgumentException("maximum RTO " + maxRto + " is below the minimum RTO " + minRto);
        }
        if (maxRetransmissions < 1) {
            throw new IllegalArgumentException("max retransmissions is " + maxRetransmissions + "; it must be at least 1");
        }
    }

    /**
     * 1 KiB segments, window 16, RTO 50 ms initially, within [10 ms, 200 ms], 60 retransmissions per segment.
     *
     * <p>The 200 ms cap is a lab choice: RFC 6298 §2.5 allows a maximum of 60 s or more. At 30% loss in
     * each direction a round trip fails about half the time, and with doubling RTOs the expected wait
     * per segment, Σ rto_j · 0.49^(j+1), barely converges (2 × 0.49 ≈ 1): one unlucky segment can stall
     * stop-and-wait for seconds. Raise the cap and watch the tail grow.
     */
    public static ReliabilityConfig defaults() {
        return new ReliabilityConfig(1024, 16, Duration.ofMillis(50), Duration.ofMillis(10), Duration.ofMillis(200), 60, 0);
    }

    public ReliabilityConfig withSegmentSize(int bytes) {
        return new ReliabilityConfig(bytes, windowSize, initialRto, minRto, maxRto, maxRetransmissions, initialSequenceNumber);
    }

    public ReliabilityConfig withWindowSize(int segments) {
        return new ReliabilityConfig(segmentSize, segments, initialRto, minRto, maxRto, maxRetransmissions, initialSequenceNumber);
    }

    public ReliabilityConfig withRto(Duration initial, Duration min, Duration max) {
        return new ReliabilityConfig(segmentSize, windowSize, initial, min, max, maxRetransmissions, initialSequenceNumber);
    }

    public ReliabilityConfig withMaxRetransmissions(int count) {
        return new ReliabilityConfig(segmentSize, windowSize, initialRto, minRto, maxRto, count, initialSequenceNumber);
    }

    public ReliabilityConfig withInitialSequenceNumber(int isn) {
        return new ReliabilityConfig(segmentSize, windowSize, initialRto, minRto, maxRto, maxRetransmissions, isn);
    }

    RtoEstimator newRtoEstimator() {
        return new RtoEstimator(initialRto.toNanos(), minRto.toNanos(), maxRto.toNanos());
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be positive");
        }
    }
}
