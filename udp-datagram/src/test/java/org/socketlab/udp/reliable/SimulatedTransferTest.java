package org.socketlab.udp.reliable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketlab.udp.lossy.Impairment;

/** Whole transfers in virtual time: deterministic for a seed, printed on every run. */
@Timeout(20)
class SimulatedTransferTest {
    private static final Duration LIMIT = Duration.ofMinutes(30);
    private static final long BASE_SEED = Long.getLong("socketlab.seed", 20261123L);
    private static final int SEEDS = Integer.getInteger("socketlab.seeds", 12);

    static byte[] stream(int length, long seed) {
        byte[] data = new byte[length];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    /** The lab's bad link: 30% loss each way, duplication, reordering, jitter, and corruption. */
    static Impairment harsh() {
        return Impairment.standard(0.30).withDuplicate(0.2).withReorder(0.2, Duration.ofMillis(8)).withCorrupt(0.05);
    }

    @Nested
    @DisplayName("a perfect link")
    class PerfectLink {
        @ParameterizedTest
        @EnumSource(Protocol.class)
        void everyProtocolDeliversTheStreamWithoutRetransmission(Protocol protocol) throws Exception {
            byte[] data = stream(10_000, BASE_SEED);
            TransferReport report = SimulatedTransfer.run(protocol, data, ReliabilityConfig.defaults(),
                    Impairment.none().withDelay(Duration.ofMillis(1), Duration.ZERO), BASE_SEED, LIMIT);
            assertThat(report.retransmissions()).isZero();
            assertThat(report.segmentsSent()).isEqualTo(11); // 10 data segments of 1,000 bytes + FIN
            assertThat(report.bytes()).isEqualTo(10_000);
        }

        @Test
        void emptyStreamIsJustAFin() throws Exception {
            TransferReport report = SimulatedTransfer.run(Protocol.SELECTIVE_REPEAT, new byte[0],
                    ReliabilityConfig.defaults(), Impairment.none(), BASE_SEED, LIMIT);
            assertThat(report.segmentsSent()).isEqualTo(1);
        }

        @Test
        void slidingWindowIsFasterThanStopAndWaitWhenTheLinkHasDelay() throws Exception {
            byte[] data = stream(64 * 1024, BASE_SEED);
            Impairment delayed = Impairment.none().withDelay(Duration.ofMillis(5), Duration.ZERO);
            TransferReport stopAndWait = SimulatedTransfer.run(Protocol.STOP_AND_WAIT, data,
                    ReliabilityConfig.defaults(), delayed, BASE_SEED, LIMIT);
            TransferReport window = SimulatedTransfer.run(Protocol.SELECTIVE_REPEAT, data,
                    ReliabilityConfig.defaults(), delayed, BASE_SEED, LIMIT);
            // 65 round trips of 10 ms against ceil(65/16) = 5 windows.
            assertThat(stopAndWait.elapsed()).isEqualTo(Duration.ofMillis(650));
            assertThat(window.elapsed()).isLessThanOrEqualTo(Duration.ofMillis(50));
        }
    }

    @Nested
    @DisplayName("30% loss with duplication, reordering and corruption")
    class HarshLink {
        @ParameterizedTest
        @EnumSource(value = Protocol.class, names = {"STOP_AND_WAIT", "GO_BACK_N", "SELECTIVE_REPEAT"})
        void streamArrivesIntactForEverySeed(Protocol protocol) {
            LongStream.range(BASE_SEED, BASE_SEED + SEEDS).forEach(seed -> {
                System.out.println(protocol + " seed " + seed + " (rerun with -Dsocketlab.seed=" + seed + " -Dsocketlab.seeds=1)");
                byte[] data = stream(20_000, seed);
                TransferReport report = runOrFail(protocol, data, ReliabilityConfig.defaults().withSegmentSize(500), harsh(), seed);
                assertThat(report.retransmissions()).as("seed %d", seed).isPositive();
                assertThat(report.duplicatesReceived()).as("seed %d", seed).isPositive();
            });
        }

        @ParameterizedTest
        @EnumSource(value = Protocol.class, names = {"GO_BACK_N", "SELECTIVE_REPEAT"})
        void sequenceNumbersWrapAroundTwoToTheThirtyTwo(Protocol protocol) throws Exception {
            ReliabilityConfig config = ReliabilityConfig.defaults().withSegmentSize(100).withInitialSequenceNumber(-20);
            byte[] data = stream(10_000, BASE_SEED); // 100 segments: seq 2^32-20 … 2^32-1, then 0 … 80
            TransferReport report = SimulatedTransfer.run(protocol, data, config, harsh(), BASE_SEED, LIMIT);
            assertThat(report.bytes()).isEqualTo(10_000);
        }

        @Test
        void goBackNRetransmitsMoreThanSelectiveRepeatForTheSameLosses() throws Exception {
            byte[] data = stream(50_000, BASE_SEED);
            Impairment lossy = Impairment.none().withLoss(0.1).withDelay(Duration.ofMillis(5), Duration.ZERO);
            TransferReport goBackN = SimulatedTransfer.run(Protocol.GO_BACK_N, data, ReliabilityConfig.defaults(), lossy, BASE_SEED, LIMIT);
            TransferReport selective = SimulatedTransfer.run(Protocol.SELECTIVE_REPEAT, data, ReliabilityConfig.defaults(), lossy, BASE_SEED, LIMIT);
            System.out.println(goBackN.tableRow() + "\n" + selective.tableRow());
            assertThat(goBackN.retransmissions()).isGreaterThan(2 * selective.retransmissions());
        }

        @Test
        void sameSeedGivesTheSameTransfer() throws Exception {
            byte[] data = stream(20_000, BASE_SEED);
            TransferReport first = SimulatedTransfer.run(Protocol.SELECTIVE_REPEAT, data, ReliabilityConfig.defaults(), harsh(), BASE_SEED, LIMIT);
            TransferReport second = SimulatedTransfer.run(Protocol.SELECTIVE_REPEAT, data, ReliabilityConfig.defaults(), harsh(), BASE_SEED, LIMIT);
            assertThat(second).isEqualTo(first);
        }

        @Test
        void corruptDatagramsAreDiscardedNotDelivered() throws Exception {
            Impairment corrupting = Impairment.none().withCorrupt(0.3);
            byte[] data = stream(20_000, BASE_SEED);
            TransferReport report = SimulatedTransfer.run(Protocol.SELECTIVE_REPEAT, data, ReliabilityConfig.defaults(), corrupting, BASE_SEED, LIMIT);
            assertThat(report.corruptDiscarded()).isPositive();
        }
    }

    @Nested
    @DisplayName("the alternating bit")
    class AlternatingBit {
        @Test
        void survivesLossAndDuplicationOnAFifoLink() {
            Impairment fifo = Impairment.none().withLoss(0.3).withDuplicate(0.2).withDelay(Duration.ofMillis(2), Duration.ZERO);
            LongStream.range(BASE_SEED, BASE_SEED + SEEDS).forEach(seed -> {
                System.out.println("ALTERNATING_BIT fifo seed " + seed);
                runOrFail(Protocol.ALTERNATING_BIT, stream(20_000, seed), ReliabilityConfig.defaults(), fifo, seed);
            });
        }

        @Test
        void isFooledByReorderingSoTheTransferFailsLoudly() {
            // A 2-bit-free demonstration lives in StopAndWaitReceiverTest; here the whole protocol meets a
            // reordering link and at least one seed out of a few delivers a wrong stream — which the
            // comparison catches and reports with its seed.
            Impairment reordering = Impairment.none().withDuplicate(0.5).withReorder(0.5, Duration.ofMillis(30))
                    .withDelay(Duration.ofMillis(1), Duration.ofMillis(1));
            long failures = LongStream.range(BASE_SEED, BASE_SEED + 10).filter(seed -> {
                try {
                    SimulatedTransfer.run(Protocol.ALTERNATING_BIT, stream(20_000, seed), ReliabilityConfig.defaults(), reordering, seed, LIMIT);
                    return false;
                } catch (TransferFailedException e) {
                    System.out.println("expected failure: " + e.getMessage());
                    assertThat(e.getMessage()).contains("seed " + seed);
                    return true;
                }
            }).count();
            assertThat(failures).isPositive();
        }
    }

    @Test
    void aDeadLinkMakesTheSenderGiveUpWithAClearMessage() {
        ReliabilityConfig config = ReliabilityConfig.defaults().withMaxRetransmissions(5);
        assertThatThrownBy(() -> SimulatedTransfer.run(Protocol.SELECTIVE_REPEAT, stream(100, 1), config,
                Impairment.none().withLoss(1.0), 7L, LIMIT))
                .isInstanceOf(TransferFailedException.class)
                .hasMessageContaining("retransmitted 5 times without an acknowledgement; the limit is 5")
                .hasMessageContaining("seed 7");
    }

    private static TransferReport runOrFail(Protocol protocol, byte[] data, ReliabilityConfig config, Impairment impairment, long seed) {
        try {
            return SimulatedTransfer.run(protocol, data, config, impairment, seed, LIMIT);
        } catch (TransferFailedException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
