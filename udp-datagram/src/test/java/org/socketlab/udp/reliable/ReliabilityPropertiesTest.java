package org.socketlab.udp.reliable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.socketlab.udp.lossy.Impairment;

/**
 * Properties over random links, streams and configurations, in virtual time. jqwik prints the seed
 * of every run ({@code seed = …} in the test output; rerun with {@code @Property(seed = "…")}), and a
 * {@code SimulatedTransfer} failure names the link seed, so one failure reproduces exactly. Raise
 * {@code tries} for a soak.
 */
class ReliabilityPropertiesTest {

    @Property(tries = 60)
    void everyProtocolWithWideSequenceNumbersDeliversTheStreamIntact(
            @ForAll("wideProtocols") Protocol protocol,
            @ForAll @IntRange(min = 0, max = 30_000) int length,
            @ForAll @IntRange(min = 1, max = 2_000) int segmentSize,
            @ForAll @IntRange(min = 1, max = 32) int window,
            @ForAll @DoubleRange(min = 0, max = 0.4) double loss,
            @ForAll @DoubleRange(min = 0, max = 0.3) double duplicate,
            @ForAll @DoubleRange(min = 0, max = 0.3) double reorder,
            @ForAll @DoubleRange(min = 0, max = 0.1) double corrupt,
            @ForAll long seed) throws TransferFailedException {
        byte[] data = new byte[length];
        new SplittableRandom(seed).nextBytes(data);
        Impairment link = Impairment.standard(loss).withDuplicate(duplicate)
                .withReorder(reorder, Duration.ofMillis(7)).withCorrupt(corrupt);
        ReliabilityConfig config = ReliabilityConfig.defaults().withSegmentSize(segmentSize).withWindowSize(window)
                .withMaxRetransmissions(200);
        TransferReport report = SimulatedTransfer.run(protocol, data, config, link, seed, Duration.ofHours(1));
        assertThat(report.bytes()).isEqualTo(length);
        assertThat(report.segmentsSent()).isGreaterThanOrEqualTo((length + segmentSize - 1) / segmentSize + 1);
    }

    @Provide
    Arbitrary<Protocol> wideProtocols() {
        return Arbitraries.of(Protocol.STOP_AND_WAIT, Protocol.GO_BACK_N, Protocol.SELECTIVE_REPEAT);
    }
}
