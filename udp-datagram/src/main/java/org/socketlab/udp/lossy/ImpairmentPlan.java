package org.socketlab.udp.lossy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The pure decision half of a lossy link: given an {@link Impairment} and a seed, the n-th call
 * to {@link #next()} always returns the same {@link Fate}. No sockets, threads or clocks, so a
 * failing test reproduces exactly from its seed.
 *
 * <p>The random draws happen in a fixed order per datagram (loss, duplicate, then per copy:
 * jitter, reorder, corrupt), whatever the outcome, so one datagram's fate never shifts the
 * stream of draws for the next.
 */
public final class ImpairmentPlan {
    private final Impairment impairment;
    private final long seed;
    private final SplittableRandom random;
    private long decisions;

    public ImpairmentPlan(Impairment impairment, long seed) {
        this.impairment = impairment;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** An independent plan for the other direction of the same link, also fixed by the seed. */
    public ImpairmentPlan reverse() {
        return new ImpairmentPlan(impairment, new SplittableRandom(seed).split().nextLong());
    }

    public Fate next() {
        decisions++;
        boolean dropped = random.nextDouble() < impairment.loss();
        boolean duplicated = random.nextDouble() < impairment.duplicate();
        List<Fate.Copy> copies = new ArrayList<>(2);
        boolean reordered = false;
        boolean corrupted = false;
        for (int copy = 0; copy < 2; copy++) {
            long delay = impairment.delay().toNanos() + jitter();
            boolean holdBack = random.nextDouble() < impairment.reorder();
            boolean corrupt = random.nextDouble() < impairment.corrupt();
            int corruptIndex = random.nextInt(Integer.MAX_VALUE);
            if (dropped || (copy == 1 && !duplicated)) {
                continue;
            }
            reordered |= holdBack;
            corrupted |= corrupt;
            long total = holdBack ? delay + impairment.reorderDelay().toNanos() : delay;
            copies.add(new Fate.Copy(total, holdBack, corrupt ? corruptIndex : -1));
        }
        return new Fate(copies, dropped, duplicated && !dropped, reordered, corrupted);
    }

    private long jitter() {
        long bound = impairment.jitter().toNanos();
        return bound == 0 ? random.nextLong(1) : random.nextLong(bound);
    }

    public Impairment impairment() {
        return impairment;
    }

    public long seed() {
        return seed;
    }

    /** How many datagrams this plan has decided so far. */
    public long decisions() {
        return decisions;
    }
}
