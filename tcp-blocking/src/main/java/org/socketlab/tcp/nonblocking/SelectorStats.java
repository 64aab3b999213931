package org.socketlab.tcp.nonblocking;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the event loop did, counted so a lab can compare it with the blocking servers: wake-ups
 * ({@code epoll_wait} returns), reads that found nothing, writes the kernel only partly took.
 * Written by the loop thread, readable from any thread.
 */
public final class SelectorStats {

    final LongAdder selects = new LongAdder();
    final LongAdder readyKeys = new LongAdder();
    final LongAdder accepts = new LongAdder();
    final LongAdder reads = new LongAdder();
    final LongAdder emptyReads = new LongAdder();
    final LongAdder writes = new LongAdder();
    final LongAdder partialWrites = new LongAdder();
    final LongAdder bytesRead = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();

    /** A consistent-enough copy for printing. */
    public Snapshot snapshot() {
        return new Snapshot(selects.sum(), readyKeys.sum(), accepts.sum(), reads.sum(), emptyReads.sum(),
                writes.sum(), partialWrites.sum(), bytesRead.sum(), bytesWritten.sum());
    }

    /**
     * @param selects       times {@code select()} returned (one {@code epoll_wait} each)
     * @param readyKeys     ready sockets handled, summed over all wake-ups
     * @param accepts       connections accepted
     * @param reads         {@code read()} calls
     * @param emptyReads    reads that returned 0 bytes
     * @param writes        {@code write()} calls
     * @param partialWrites writes that took fewer bytes than offered
     * @param bytesRead     bytes received
     * @param bytesWritten  bytes sent back
     */
    public record Snapshot(long selects, long readyKeys, long accepts, long reads, long emptyReads,
                           long writes, long partialWrites, long bytesRead, long bytesWritten) {

        /** Sockets served per wake-up: above 1 is the point of multiplexing. */
        public double readyPerSelect() {
            return selects == 0 ? 0 : (double) readyKeys / selects;
        }
    }
}
