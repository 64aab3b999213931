package org.socketlab.websocket.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long MS = 1_000_000L;

    @Test
    void allowsABurst_thenOnePerRefillInterval() {
        RateLimiter limiter = new RateLimiter(3, 100 * MS, 0);
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isTrue();
        assertThat(limiter.tryAcquire(0)).isFalse();
        assertThat(limiter.tryAcquire(99 * MS)).isFalse();
        assertThat(limiter.tryAcquire(100 * MS)).isTrue();
        assertThat(limiter.tryAcquire(100 * MS)).isFalse();
    }

    @Test
    void aLongPause_refillsOnlyUpToTheBurst() {
        RateLimiter limiter = new RateLimiter(2, 100 * MS, 0);
        limiter.tryAcquire(0);
        limiter.tryAcquire(0);
        long later = 60_000 * MS;
        assertThat(limiter.tryAcquire(later)).isTrue();
        assertThat(limiter.tryAcquire(later)).isTrue();
        assertThat(limiter.tryAcquire(later)).isFalse();
    }

    @Test
    void aClockGoingBackwards_refillsNothing() {
        RateLimiter limiter = new RateLimiter(1, 100 * MS, 1_000 * MS);
        assertThat(limiter.tryAcquire(1_000 * MS)).isTrue();
        assertThat(limiter.tryAcquire(0)).isFalse();
    }

    @Test
    void nonPositiveSettings_areTheCallersFault() {
        assertThatThrownBy(() -> new RateLimiter(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
