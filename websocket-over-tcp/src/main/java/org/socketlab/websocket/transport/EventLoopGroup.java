package org.socketlab.websocket.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of {@link EventLoop}s — by default one per core, as Netty's
 * {@code NioEventLoopGroup} — that connections are spread over round-robin. A connection stays
 * on its loop for life.
 *
 * <p>Thread-safe.
 */
public final class EventLoopGroup implements AutoCloseable {

    private final EventLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    private EventLoopGroup(int count, String namePrefix) {
        if (count < 1) {
            throw new IllegalArgumentException("an event loop group needs at least 1 loop, got " + count);
        }
        loops = new EventLoop[count];
        for (int i = 0; i < count; i++) {
            loops[i] = new EventLoop(namePrefix + i);
            loops[i].start();
        }
    }

    /** Starts {@code count} loops, threads named {@code namePrefix0}, {@code namePrefix1}, … */
    public static EventLoopGroup start(int count, String namePrefix) {
        return new EventLoopGroup(count, namePrefix);
    }

    /** The system property that sets how many loops {@link #perCore} starts (default: one per core). */
    public static final String LOOPS_PROPERTY = "socketlab.websocket.eventLoops";

    /**
     * One loop per available processor, or as many as {@value #LOOPS_PROPERTY} says (Netty's
     * {@code NioEventLoopGroup} starts two per core; the profile in {@code docs/event-loop.md}
     * compares both).
     */
    public static EventLoopGroup perCore(String namePrefix) {
        int cores = Runtime.getRuntime().availableProcessors();
        String configured = System.getProperty(LOOPS_PROPERTY, "").trim();
        if (configured.isEmpty()) {
            return start(cores, namePrefix);
        }
        try {
            return start(Integer.parseInt(configured), namePrefix);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + LOOPS_PROPERTY + " is \"" + configured
                    + "\"; it must be a whole number of loops, at least 1", e);
        }
    }

    public int size() {
        return loops.length;
    }

    EventLoop next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /** Stops every loop; connections still open are closed and their handlers told (1006). */
    @Override
    public void close() {
        for (EventLoop loop : loops) {
            loop.close();
        }
        for (EventLoop loop : loops) {
            try {
                loop.awaitEnd(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
