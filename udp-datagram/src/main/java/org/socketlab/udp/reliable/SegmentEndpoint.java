package org.socketlab.udp.reliable;

import java.util.List;

/**
 * One end of a reliability protocol as a pure state machine: segments and time go in, segments
 * to send and the next timer deadline come out. It never touches a socket, a thread or a clock;
 * an adapter (a {@code DatagramSocket} loop, or the {@link SimulatedTransfer}) drives it.
 */
public interface SegmentEndpoint {

    /** A segment arrived from the peer at {@code nowNanos}. */
    void onSegment(Segment segment, long nowNanos);

    /** Time passed: fire every timer whose deadline is at or before {@code nowNanos}. */
    void tick(long nowNanos);

    /** Segments to transmit, in order; each call drains the queue. */
    List<Segment> pollOutgoing();

    /** When {@link #tick} must next be called, or {@link Long#MAX_VALUE} when no timer runs. */
    long nextDeadlineNanos();

    /** True when this end has nothing more to do (a receiver still re-acknowledges if fed). */
    boolean isFinished();
}
