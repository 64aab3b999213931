package org.socketlab.udp.lossy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The pure decision half of a lossy link: given an {@link Impairment} and a seed, the n-th call
 * to {@link #next(long)} always makes the same random decisions. No sockets, threads or clocks
 * (the arrival time is passed in), so a failing test reproduces exactly from its seed.
 *
 * <p>The random draws happen in a fixed order per datagram (loss, duplicate, then per copy:
 * jitter, reorder, corrupt), whatever the outcome, so one datagram's fate never shifts the
 * stream of draws for the next.
 *
 * <p>Jitter is FIFO, like a real queue: it stretches the gaps between datagrams but never lets a
 * later datagram leave before an earlier one ({@code departure = max(arrival + delay + jitter,
 * previous departure)}). Only the {@code reorder} decision breaks the order: a held-back copy
 * leaves {@code reorderDelay} later and does not hold up the queue, so later datagrams overtake it.
 */
public final class ImpairmentPlan {
    private final Impairment impairment;
    private final long seed;
    private final SplittableRandom random;
    private long decisions;
    private long lastDeparture;
    private boolean hasDeparted;

    public ImpairmentPlan(Impairment impairment, long seed) {
        this.impairment = impairment;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** An independent plan for the other direction of the same link, also fixed by the seed. */
    public ImpairmentPlan reverse() {
        return new ImpairmentPlan(impairment, new SplittableRandom(seed).split().nextLong());
    }

    /**
     * Decides the fate of the datagram that arrives at {@code arrivalNanos} (on any monotonic
     * clock; the simulation passes virtual time, the relay {@code System.nanoTime()}).
     */
    public Fate next(long arrivalNanos) {
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
            long departure = holdBack ? arrivalNanos + delay + impairment.reorderDelay().toNanos()
                    : fifoDeparture(arrivalNanos + delay);
            copies.add(new Fate.Copy(departure - arrivalNanos, holdBack, corrupt ? corruptIndex : -1));
        }
        return new Fate(copies, dropped, duplicated && !dropped, reordered, corrupted);
    }

    /** The queue keeps its order: nobody leaves before the one in front of them. */
    private long fifoDeparture(long wanted) {
        long departure = hasDeparted && wanted - lastDeparture < 0 ? lastDeparture : wanted;
        lastDeparture = departure;
        hasDeparted = true;
        return departure;
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
