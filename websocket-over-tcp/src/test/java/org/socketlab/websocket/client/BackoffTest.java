package org.socketlab.websocket.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.5, 10);

    @Test
    void baseDelay_doublesEachAttempt_untilTheCap() {
        assertThat(backoff.baseDelay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.baseDelay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.baseDelay(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(backoff.baseDelay(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.baseDelay(60)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void jitter_staysWithinItsShareOfTheDelay() {
        long seed = System.nanoTime();
        System.out.println("BackoffTest seed " + seed);
        Random random = new Random(seed);
        for (int attempt = 1; attempt <= 12; attempt++) {
            for (int i = 0; i < 100; i++) {
                Duration base = backoff.baseDelay(attempt);
                Duration delay = backoff.delay(attempt, random);
                assertThat(delay).as("seed %d attempt %d", seed, attempt)
                        .isBetween(base.dividedBy(2), base);
            }
        }
    }

    @Test
    void jitter_spreadsClientsApart() {
        Random random = new Random(42);
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> backoff.delay(3, random)).distinct().count();
        assertThat(distinct).isGreaterThan(40);
    }

    @Test
    void noJitter_isDeterministic() {
        Backoff exact = backoff.withJitter(0);
        assertThat(exact.delay(3, new Random())).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void invalidSettings_areRefusedWithTheRule() {
        assertThatThrownBy(() -> backoff.withJitter(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), 2, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.baseDelay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
