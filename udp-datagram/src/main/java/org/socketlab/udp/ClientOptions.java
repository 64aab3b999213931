package org.socketlab.udp;

import java.time.Duration;

/**
 * Timeout and retry policy of a {@link DatagramClient}: attempt n waits
 * {@code initialTimeout × multiplier^(n−1)}, capped at {@code maxTimeout}, for a matching reply.
 *
 * @param initialTimeout how long the first attempt waits
 * @param maxAttempts    attempts in total (1 = no retry)
 * @param multiplier     backoff factor between attempts (≥ 1; 2 doubles)
 * @param maxTimeout     upper bound of any single wait
 */
public record ClientOptions(Duration initialTimeout, int maxAttempts, double multiplier, Duration maxTimeout) {

    public ClientOptions {
        if (initialTimeout == null || initialTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("initial timeout is " + initialTimeout + "; it must be at least 1 ms");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts is " + maxAttempts + "; it must be at least 1");
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("backoff multiplier is " + multiplier + "; it must be at least 1");
        }
        if (maxTimeout == null || maxTimeout.compareTo(initialTimeout) < 0) {
            throw new IllegalArgumentException("maximum timeout " + maxTimeout + " is below the initial timeout " + initialTimeout);
        }
    }

    /** 200 ms, then 400, 800, 1600: four attempts, at most 3 s in total. */
    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofMillis(200), 4, 2.0, Duration.ofSeconds(2));
    }

    /** The receive timeout of attempt {@code attempt} (1-based). */
    public Duration timeoutForAttempt(int attempt) {
        if (attempt < 1 || attempt > maxAttempts) {
            throw new IllegalArgumentException("attempt is " + attempt + "; it must be within [1, " + maxAttempts + "]");
        }
        double millis = initialTimeout.toMillis() * Math.pow(multiplier, attempt - 1);
        return millis >= maxTimeout.toMillis() ? maxTimeout : Duration.ofMillis((long) millis);
    }
}
