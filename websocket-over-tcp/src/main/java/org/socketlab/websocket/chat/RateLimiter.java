package org.socketlab.websocket.chat;

/**
 * A token bucket: {@code burst} tokens, one more every {@code refillNanos}. Time is passed in,
 * so tests drive it without a clock. Not thread-safe: one per connection, used from its
 * reading thread.
 */
final class RateLimiter {

    private final int burst;
    private final long refillNanos;
    private double tokens;
    private long lastNanos;

    RateLimiter(int burst, long refillNanos, long nowNanos) {
        if (burst < 1 || refillNanos < 1) {
            throw new IllegalArgumentException("burst " + burst + " and refillNanos " + refillNanos + " must be positive");
        }
        this.burst = burst;
        this.refillNanos = refillNanos;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one; false means "too fast, drop this message". */
    boolean tryAcquire(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastNanos);
        lastNanos = nowNanos;
        tokens = Math.min(burst, tokens + (double) elapsed / refillNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
