package org.socketlab.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeartbeatTest {

    private static final long SECOND = 1_000_000_000L;

    @ParameterizedTest(name = "start at {0}")
    @ValueSource(longs = {0L, -5 * SECOND, Long.MAX_VALUE - 3 * SECOND})
    void timersWork_evenAcrossTheWrapAroundOfNanoTime(long start) {
        // System.nanoTime() may be negative and may wrap; only differences are meaningful.
        Heartbeat heartbeat = new Heartbeat(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ZERO, start);
        assertThat(heartbeat.due(start + 4 * SECOND)).isEqualTo(Heartbeat.Action.NONE);
        assertThat(heartbeat.nextDeadlineNanos()).isEqualTo(start + 5 * SECOND);
        assertThat(heartbeat.due(start + 5 * SECOND)).isEqualTo(Heartbeat.Action.SEND_PING);
        ByteBuffer ping = heartbeat.pingSent(start + 5 * SECOND);
        assertThat(heartbeat.due(start + 6 * SECOND)).isEqualTo(Heartbeat.Action.NONE);
        assertThat(heartbeat.due(start + 7 * SECOND)).isEqualTo(Heartbeat.Action.PONG_TIMEOUT);
        heartbeat.onBytesReceived(start + 6 * SECOND);
        heartbeat.onPong(ping);
        assertThat(heartbeat.due(start + 7 * SECOND)).isEqualTo(Heartbeat.Action.NONE);
        assertThat(heartbeat.nextDeadlineNanos()).isEqualTo(start + 11 * SECOND);
    }

    @Test
    void pongWithAnotherPayload_doesNotCount() {
        Heartbeat heartbeat = new Heartbeat(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, 0);
        heartbeat.pingSent(SECOND);
        heartbeat.onPong(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(heartbeat.due(2 * SECOND)).isEqualTo(Heartbeat.Action.PONG_TIMEOUT);
    }

    @Test
    void idleTimeout_firesAfterSilence_andIsResetByTraffic() {
        Heartbeat heartbeat = new Heartbeat(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(60), 0);
        heartbeat.onBytesReceived(30 * SECOND);
        assertThat(heartbeat.due(89 * SECOND)).isEqualTo(Heartbeat.Action.NONE);
        assertThat(heartbeat.due(90 * SECOND)).isEqualTo(Heartbeat.Action.IDLE_TIMEOUT);
    }

    @Test
    void everythingOff_meansNoDeadline() {
        Heartbeat heartbeat = new Heartbeat(Duration.ZERO, Duration.ofSeconds(10), Duration.ZERO, 123);
        assertThat(heartbeat.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(heartbeat.due(Long.MAX_VALUE)).isEqualTo(Heartbeat.Action.NONE);
    }
}
