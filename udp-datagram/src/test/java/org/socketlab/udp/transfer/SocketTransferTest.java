package org.socketlab.udp.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketlab.udp.lossy.Impairment;
import org.socketlab.udp.reliable.Protocol;
import org.socketlab.udp.reliable.ReliabilityConfig;

/** Real sockets through a real {@code LossyLink} on loopback: 30% loss, duplication, reordering, corruption. */
class SocketTransferTest {
    private static final long SEED = Long.getLong("socketlab.seed", 20261123L);

    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"STOP_AND_WAIT", "GO_BACK_N", "SELECTIVE_REPEAT"})
    @Timeout(30)
    void streamCrossesTheLossyLinkIntact(Protocol protocol) throws Exception {
        System.out.println(protocol + " seed " + SEED + " (rerun with -Dsocketlab.seed=" + SEED + ")");
        byte[] data = new byte[16 * 1024];
        new SplittableRandom(SEED).nextBytes(data);
        Impairment harsh = Impairment.standard(0.30).withCorrupt(0.02);
        SocketTransfer.Result result = SocketTransfer.run(protocol, data, ReliabilityConfig.defaults(), harsh, SEED,
                Duration.ofSeconds(25));
        System.out.println(result.report().tableRow() + " | link: " + result.link());
        assertThat(result.report().bytes()).isEqualTo(data.length);
        assertThat(result.report().retransmissions()).isPositive();
        assertThat(result.link().dropped()).isPositive();
        assertThat(result.link().duplicated()).isPositive();
        assertThat(result.report().goodputBytesPerSecond()).isPositive();
    }
}
