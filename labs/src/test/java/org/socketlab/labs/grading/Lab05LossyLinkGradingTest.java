package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.Lab05LossyLink;
import org.socketlab.udp.lossy.Fate;
import org.socketlab.udp.lossy.Impairment;
import org.socketlab.udp.lossy.ImpairmentPlan;
import org.socketlab.udp.reliable.CorruptSegmentException;
import org.socketlab.udp.reliable.Protocol;
import org.socketlab.udp.reliable.ReliabilityConfig;
import org.socketlab.udp.reliable.RtoEstimator;
import org.socketlab.udp.reliable.Segment;
import org.socketlab.udp.reliable.SegmentCodec;
import org.socketlab.udp.reliable.SimulatedTransfer;
import org.socketlab.udp.reliable.TransferFailedException;
import org.socketlab.udp.reliable.TransferReport;
import org.socketlab.udp.transfer.SocketTransfer;

/** Lab 05 — UDP over a lossy link. Guide: labs/guides/05-udp-lossy-link.md. Seeds are printed. */
@Timeout(30)
class Lab05LossyLinkGradingTest {
    private static final String GUIDE = "labs/guides/05-udp-lossy-link.md";
    private static final long SEED = 20261123L;
    private static final Duration VIRTUAL_LIMIT = Duration.ofMinutes(30);

    private static byte[] stream(int length, long seed) {
        byte[] data = new byte[length];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    private static Impairment harsh() {
        return Impairment.standard(0.30).withDuplicate(0.2).withReorder(0.2, Duration.ofMillis(8)).withCorrupt(0.05);
    }

    @Test
    @Points(2)
    @DisplayName("Your lossy link is deterministic: the same seed drops, duplicates and delays the same datagrams")
    void deterministicPlan() {
        List<Fate> first = new ArrayList<>();
        List<Fate> second = new ArrayList<>();
        ImpairmentPlan a = new ImpairmentPlan(harsh(), SEED);
        ImpairmentPlan b = new ImpairmentPlan(harsh(), SEED);
        for (int i = 0; i < 500; i++) {
            first.add(a.next(0));
            second.add(b.next(0));
        }
        assertThat(second).as("two plans with seed %d (%s, \"The lossy link\")", SEED, GUIDE).isEqualTo(first);
        long dropped = first.stream().filter(Fate::dropped).count();
        assertThat(dropped).as("drops among 500 datagrams at 30%% loss").isBetween(110L, 190L);
    }

    @Test
    @Points(2)
    @DisplayName("Every segment carries a CRC32: any single flipped byte is detected and the segment discarded")
    void checksumCatchesCorruption() {
        byte[] wire = SegmentCodec.encode(Segment.data(12345, "payload bytes".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < wire.length; i++) {
            byte[] damaged = wire.clone();
            damaged[i] ^= 0x01;
            int offset = i;
            assertThatThrownBy(() -> SegmentCodec.decode(damaged))
                    .as("byte %d flipped must be rejected (%s, \"Checksums\")", offset, GUIDE)
                    .isInstanceOf(CorruptSegmentException.class);
        }
    }

    @Test
    @Points(3)
    @DisplayName("Stop-and-wait delivers a stream intact across 30% loss with duplication, reordering and corruption (10 seeds)")
    void stopAndWaitIntact() {
        transferTenSeeds(Protocol.STOP_AND_WAIT);
    }

    @Test
    @Points(3)
    @DisplayName("Selective repeat delivers a stream intact across 30% loss with duplication, reordering and corruption (10 seeds)")
    void selectiveRepeatIntact() {
        transferTenSeeds(Protocol.SELECTIVE_REPEAT);
    }

    @Test
    @Points(2)
    @DisplayName("Go-Back-N delivers a stream intact across 30% loss with duplication, reordering and corruption (10 seeds)")
    void goBackNIntact() {
        transferTenSeeds(Protocol.GO_BACK_N);
    }

    private static void transferTenSeeds(Protocol protocol) {
        for (long seed = SEED; seed < SEED + 10; seed++) {
            System.out.println(protocol + " seed " + seed);
            try {
                TransferReport report = SimulatedTransfer.run(protocol, stream(20_000, seed),
                        ReliabilityConfig.defaults().withSegmentSize(500), harsh(), seed, VIRTUAL_LIMIT);
                assertThat(report.retransmissions()).as("seed %d: a 30%% loss link must cause retransmissions", seed).isPositive();
            } catch (TransferFailedException e) {
                throw new AssertionError(e.getMessage() + " (" + GUIDE + ", \"" + protocol.label() + "\")", e);
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("The alternating bit is fooled by a link that reorders; 32-bit sequence numbers are not")
    void alternatingBitNeedsFifo() {
        Impairment reordering = Impairment.none().withDuplicate(0.5).withReorder(0.5, Duration.ofMillis(30))
                .withDelay(Duration.ofMillis(1), Duration.ofMillis(1));
        int bitFailures = 0;
        for (long seed = SEED; seed < SEED + 5; seed++) {
            byte[] data = stream(20_000, seed);
            try {
                SimulatedTransfer.run(Protocol.ALTERNATING_BIT, data, ReliabilityConfig.defaults(), reordering, seed, VIRTUAL_LIMIT);
            } catch (TransferFailedException e) {
                bitFailures++;
            }
            try {
                SimulatedTransfer.run(Protocol.STOP_AND_WAIT, data, ReliabilityConfig.defaults(), reordering, seed, VIRTUAL_LIMIT);
            } catch (TransferFailedException e) {
                throw new AssertionError("32-bit stop-and-wait failed: " + e.getMessage() + " (" + GUIDE + ", \"Sequence numbers\")", e);
            }
        }
        assertThat(bitFailures).as("alternating-bit transfers that went wrong out of 5 seeds (%s, \"Sequence numbers\")", GUIDE).isPositive();
    }

    @Test
    @Points(2)
    @DisplayName("Your RTO follows RFC 6298: SRTT + 4·RTTVAR, doubled on timeout")
    void rto() {
        long ms = 1_000_000L;
        RtoEstimator rto = new RtoEstimator(100 * ms, 1 * ms, 10_000 * ms);
        rto.sample(40 * ms);
        assertThat(rto.rtoNanos()).as("after one 40 ms sample (%s, \"Timers\")", GUIDE).isEqualTo(120 * ms);
        rto.sample(80 * ms);
        assertThat(rto.rtoNanos()).as("after 40 then 80 ms").isEqualTo(145 * ms);
        rto.backOff();
        assertThat(rto.rtoNanos()).as("after a timeout").isEqualTo(290 * ms);
    }

    @Test
    @Points(2)
    @DisplayName("A sliding window beats stop-and-wait on a link with delay")
    void windowBeatsStopAndWait() throws Exception {
        Impairment delayed = Impairment.none().withDelay(Duration.ofMillis(5), Duration.ZERO);
        byte[] data = stream(64 * 1024, SEED);
        TransferReport stopAndWait = SimulatedTransfer.run(Protocol.STOP_AND_WAIT, data, ReliabilityConfig.defaults(), delayed, SEED, VIRTUAL_LIMIT);
        TransferReport window = SimulatedTransfer.run(Protocol.SELECTIVE_REPEAT, data, ReliabilityConfig.defaults(), delayed, SEED, VIRTUAL_LIMIT);
        assertThat(window.goodputBytesPerSecond()).as("goodput: window %s vs stop-and-wait %s (%s, \"Sliding window\")",
                window.tableRow(), stopAndWait.tableRow(), GUIDE).isGreaterThan(5 * stopAndWait.goodputBytesPerSecond());
    }

    @Test
    @Points(4)
    @DisplayName("Over real sockets through the LossyLink at 30% loss, every protocol delivers the stream intact")
    void realSockets() throws Exception {
        byte[] data = stream(16 * 1024, SEED);
        for (Protocol protocol : new Protocol[] {Protocol.STOP_AND_WAIT, Protocol.GO_BACK_N, Protocol.SELECTIVE_REPEAT}) {
            System.out.println(protocol + " over loopback, seed " + SEED);
            try {
                SocketTransfer.Result result = SocketTransfer.run(protocol, data, ReliabilityConfig.defaults(),
                        Impairment.standard(0.3), SEED, Duration.ofSeconds(12));
                assertThat(result.report().bytes()).isEqualTo(data.length);
                assertThat(result.link().dropped()).as("the link must actually drop datagrams").isPositive();
            } catch (TransferFailedException e) {
                throw new AssertionError(e.getMessage() + " (" + GUIDE + ", \"Over real sockets\")", e);
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("The lab main prints a goodput table for stop-and-wait, Go-Back-N and selective repeat at 0%, 10% and 30% loss")
    void labMainPrintsTable() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            Lab05LossyLink.main(new String[] {"--bytes", "8192", "--seed", "7"});
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).as("lab 05 output (%s, \"What you should see\")", GUIDE)
                .contains("goodput KiB/s", "stop-and-wait", "go-back-N", "selective repeat", "0%", "10%", "30%");
        assertThat(output.lines().filter(line -> line.matches("\\s+\\d+%\\s+(stop-and-wait|go-back-N|selective repeat).*")))
                .as("rows of the goodput table: 3 loss rates × 3 protocols").hasSize(9);
    }
}
