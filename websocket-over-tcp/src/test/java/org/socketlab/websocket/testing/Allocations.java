package org.socketlab.websocket.testing;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the heap by the current thread, from HotSpot's per-thread counter
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}). Fuzz targets and
 * hostile-input tests measure around one call to prove that a declared length of 2^63-1 costs
 * nothing: only bytes that arrived, within the configured limits, are ever allocated.
 */
public final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static {
        if (THREADS.isThreadAllocatedMemorySupported() && !THREADS.isThreadAllocatedMemoryEnabled()) {
            THREADS.setThreadAllocatedMemoryEnabled(true);
        }
    }

    private Allocations() {
    }

    /** Whether this JVM counts allocations per thread (HotSpot does). */
    public static boolean supported() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    /** Monotonic count of bytes this thread has allocated so far. */
    public static long current() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** An action that may throw a checked exception. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run() throws E;
    }

    /** Bytes the current thread allocated while running {@code action} (it may throw). */
    public static <E extends Exception> long during(Action<E> action) throws E {
        long before = current();
        try {
            action.run();
        } finally {
            lastMeasured = current() - before;
        }
        return lastMeasured;
    }

    private static long lastMeasured;

    /** What {@link #during} measured last on any thread, for reporting after an exception. */
    public static long lastMeasured() {
        return lastMeasured;
    }
}
