package org.socketlab.websocket.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When to try again after a lost connection: exponential backoff with jitter, so a thousand
 * clients dropped by one server restart do not all come back in the same millisecond.
 * RFC 6455 defines no reconnection; §7.2.3 only asks clients to wait a random, growing delay
 * after an abnormal closure — this is that delay. Immutable.
 *
 * @param initialDelay delay before the first retry (before jitter)
 * @param maxDelay     the delay never grows beyond this
 * @param multiplier   growth per attempt (2.0 doubles)
 * @param jitter       fraction of the delay that is random: 0 = none, 1 = anywhere in [0, delay]
 * @param maxAttempts  retries after which the client gives up
 */
public record Backoff(Duration initialDelay, Duration maxDelay, double multiplier, double jitter, int maxAttempts) {

    public Backoff {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay, got " + initialDelay + " and " + maxDelay);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier is " + multiplier + "; it must be at least 1");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter is " + jitter + "; it must be within [0, 1]");
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts is " + maxAttempts + "; it cannot be negative");
        }
    }

    /** 0.5 s, doubling up to 30 s, half of each delay random, at most 10 attempts. */
    public static Backoff exponential() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.5, 10);
    }

    public Backoff withInitialDelay(Duration value) {
        return new Backoff(value, maxDelay.compareTo(value) < 0 ? value : maxDelay, multiplier, jitter, maxAttempts);
    }

    public Backoff withMaxDelay(Duration value) {
        return new Backoff(initialDelay, value, multiplier, jitter, maxAttempts);
    }

    public Backoff withJitter(double value) {
        return new Backoff(initialDelay, maxDelay, multiplier, value, maxAttempts);
    }

    public Backoff withMaxAttempts(int value) {
        return new Backoff(initialDelay, maxDelay, multiplier, jitter, value);
    }

    /** The delay before the cap and jitter: initial × multiplier^(attempt−1), capped at maxDelay. */
    public Duration baseDelay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1, got " + attempt);
        }
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
        return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
    }

    /**
     * The delay before retry number {@code attempt} (1-based): the base delay minus a random
     * share of up to {@code jitter} of it.
     */
    public Duration delay(int attempt, RandomGenerator random) {
        long base = baseDelay(attempt).toNanos();
        long randomPart = (long) (base * jitter * random.nextDouble());
        return Duration.ofNanos(base - randomPart);
    }
}
