package org.socketlab.udp.reliable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socketlab.udp.reliable.HandDriven.MS;

import org.junit.jupiter.api.Test;

/** RFC 6298 §2 and §5.5, checked with round numbers (milliseconds written as nanoseconds). */
class RtoEstimatorTest {
    @Test
    void beforeAnySampleTheInitialRtoApplies() {
        RtoEstimator rto = new RtoEstimator(100 * MS, 10 * MS, 1_000 * MS);
        assertThat(rto.rtoNanos()).isEqualTo(100 * MS);
        assertThat(rto.srttNanos()).isEqualTo(-1);
    }

    @Test
    void firstSample_srttIsR_rttvarIsHalfR_rtoIsSrttPlusFourRttvar() {
        RtoEstimator rto = new RtoEstimator(100 * MS, 10 * MS, 1_000 * MS);
        rto.sample(40 * MS);
        assertThat(rto.srttNanos()).isEqualTo(40 * MS);
        assertThat(rto.rttvarNanos()).isEqualTo(20 * MS);
        assertThat(rto.rtoNanos()).isEqualTo(120 * MS); // 40 + 4·20
    }

    @Test
    void laterSamples_useAlphaOneEighthAndBetaOneQuarter() {
        RtoEstimator rto = new RtoEstimator(100 * MS, 1 * MS, 1_000 * MS);
        rto.sample(40 * MS);
        rto.sample(80 * MS);
        // RTTVAR = 3/4·20 + 1/4·|40 − 80| = 25; SRTT = 7/8·40 + 1/8·80 = 45; RTO = 45 + 100.
        assertThat(rto.rttvarNanos()).isEqualTo(25 * MS);
        assertThat(rto.srttNanos()).isEqualTo(45 * MS);
        assertThat(rto.rtoNanos()).isEqualTo(145 * MS);
    }

    @Test
    void steadyRttConvergesTowardsTheRttPlusGranularity() {
        RtoEstimator rto = new RtoEstimator(100 * MS, 1 * MS, 1_000 * MS);
        for (int i = 0; i < 200; i++) {
            rto.sample(10 * MS);
        }
        assertThat(rto.rtoNanos()).isEqualTo(10 * MS + RtoEstimator.GRANULARITY_NANOS);
    }

    @Test
    void timeoutDoublesTheRtoUpToTheMaximum() {
        RtoEstimator rto = new RtoEstimator(300 * MS, 10 * MS, 1_000 * MS);
        rto.backOff();
        assertThat(rto.rtoNanos()).isEqualTo(600 * MS);
        rto.backOff();
        assertThat(rto.rtoNanos()).isEqualTo(1_000 * MS);
        rto.backOff();
        assertThat(rto.rtoNanos()).isEqualTo(1_000 * MS);
    }

    @Test
    void resetBackoffReturnsToTheEstimate() {
        RtoEstimator rto = new RtoEstimator(100 * MS, 10 * MS, 1_000 * MS);
        rto.sample(40 * MS);
        rto.backOff();
        rto.backOff();
        assertThat(rto.rtoNanos()).isEqualTo(480 * MS);
        rto.resetBackoff();
        assertThat(rto.rtoNanos()).isEqualTo(120 * MS);
    }

    @Test
    void rtoNeverFallsBelowTheMinimum() {
        RtoEstimator rto = new RtoEstimator(100 * MS, 10 * MS, 1_000 * MS);
        rto.sample(0);
        assertThat(rto.rtoNanos()).isEqualTo(10 * MS);
    }

    @Test
    void invertedBoundsAreRejected() {
        assertThatThrownBy(() -> new RtoEstimator(1, 10, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 < min <= max");
    }
}
