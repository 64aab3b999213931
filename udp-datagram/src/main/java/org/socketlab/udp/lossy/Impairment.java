package org.socketlab.udp.lossy;

import java.time.Duration;

/**
 * What a lossy link does to each datagram, as independent probabilities plus delays.
 *
 * @param loss         probability that a datagram is dropped
 * @param duplicate    probability that a datagram that survives is delivered twice
 * @param reorder      probability that a copy is held back by {@code reorderDelay}, so later
 *                     datagrams overtake it
 * @param corrupt      probability that one byte of a copy is flipped (checksums must catch it)
 * @param delay        base one-way delay of every copy
 * @param jitter       extra uniformly random delay in [0, jitter)
 * @param reorderDelay how long a reordered copy is held back
 */
public record Impairment(double loss, double duplicate, double reorder, double corrupt,
                         Duration delay, Duration jitter, Duration reorderDelay) {

    public Impairment {
        requireProbability("loss", loss);
        requireProbability("duplicate", duplicate);
        requireProbability("reorder", reorder);
        requireProbability("corrupt", corrupt);
        requireNonNegative("delay", delay);
        requireNonNegative("jitter", jitter);
        requireNonNegative("reorder delay", reorderDelay);
    }

    /** A perfect link: nothing dropped, duplicated, reordered, corrupted or delayed. */
    public static Impairment none() {
        return new Impairment(0, 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The lab's standard bad link: the given loss, 10% duplication, 10% reordering (held back
     * 5 ms), 1 ms ± 1 ms of delay, no corruption.
     */
    public static Impairment standard(double loss) {
        return new Impairment(loss, 0.10, 0.10, 0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(5));
    }

    public Impairment withLoss(double probability) {
        return new Impairment(probability, duplicate, reorder, corrupt, delay, jitter, reorderDelay);
    }

    public Impairment withDuplicate(double probability) {
        return new Impairment(loss, probability, reorder, corrupt, delay, jitter, reorderDelay);
    }

    public Impairment withReorder(double probability, Duration holdBack) {
        return new Impairment(loss, duplicate, probability, corrupt, delay, jitter, holdBack);
    }

    public Impairment withCorrupt(double probability) {
        return new Impairment(loss, duplicate, reorder, probability, delay, jitter, reorderDelay);
    }

    public Impairment withDelay(Duration base, Duration extraJitter) {
        return new Impairment(loss, duplicate, reorder, corrupt, base, extraJitter, reorderDelay);
    }

    @Override
    public String toString() {
        return String.format("loss %.0f%%, dup %.0f%%, reorder %.0f%% (+%d ms), corrupt %.0f%%, delay %d ms + jitter < %d ms",
                loss * 100, duplicate * 100, reorder * 100, reorderDelay.toMillis(), corrupt * 100,
                delay.toMillis(), jitter.toMillis());
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " probability is " + value + "; it must be within [0, 1]");
        }
    }

    private static void requireNonNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be zero or positive");
        }
    }
}
