package org.socketlab.tcp;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a {@link TcpServer} runs the handler for each accepted connection.
 *
 * <p>The four strategies are the classic answers to "what does the server do while it is
 * busy with one client?":
 * <ul>
 *   <li>{@link #iterative()} — nothing: the accept loop serves one client to the end before
 *       it calls {@code accept()} again. The next client waits in the listen backlog.</li>
 *   <li>{@link #threadPerConnection()} — one new platform (OS) thread per client.</li>
 *   <li>{@link #fixedPool(int)} — at most N clients at once; the rest queue for a thread.</li>
 *   <li>{@link #virtualThreads()} — one virtual thread per client (the default): blocking code
 *       that scales to many thousands of connections.</li>
 * </ul>
 *
 * <p>Thread-safety: {@link #dispatch} is called only by the server's accept thread;
 * {@link #shutdown} and {@link #awaitTermination} only by the thread stopping the server.
 * A strategy belongs to one server: stopping the server shuts it down for good, so create a
 * fresh one (the factory methods do) for every server.
 */
public interface ConcurrencyStrategy {

    /** A short name for logs and lab output, e.g. {@code "virtual-threads"}. */
    String name();

    /** Runs (or schedules) one connection task. The iterative strategy runs it inline. */
    void dispatch(Runnable connectionTask);

    /** Stops accepting new tasks; running tasks continue. */
    void shutdown();

    /** Waits for running tasks to finish; returns false if some are still running at the deadline. */
    boolean awaitTermination(Duration timeout) throws InterruptedException;

    /** Last resort after a failed graceful stop: interrupts running tasks. */
    default void shutdownNow() {
        shutdown();
    }

    /**
     * Parses the command-line spelling used by the demo mains: {@code virtual}, {@code iterative},
     * {@code thread} or {@code pool:N}.
     */
    static ConcurrencyStrategy parse(String spec) {
        String normalised = spec.trim().toLowerCase(Locale.ROOT);
        if (normalised.startsWith("pool:")) {
            String count = normalised.substring("pool:".length());
            try {
                return fixedPool(Integer.parseInt(count));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("pool size must be a number, got \"" + count + "\"");
            }
        }
        return switch (normalised) {
            case "virtual" -> virtualThreads();
            case "iterative" -> iterative();
            case "thread" -> threadPerConnection();
            default -> throw new IllegalArgumentException("unknown strategy \"" + spec
                    + "\"; expected virtual, iterative, thread or pool:N");
        };
    }

    /** Serve clients one at a time on the accept thread. */
    static ConcurrencyStrategy iterative() {
        return new Iterative();
    }

    /** Start a new platform thread for every connection. */
    static ConcurrencyStrategy threadPerConnection() {
        // BEGIN SOLUTION lab=02 task="thread per connection: start a new platform thread for every connection"
        return new ExecutorStrategy("thread-per-connection",
                Executors.newThreadPerTaskExecutor(namedPlatformThreads("tcp-conn-")));
        // END SOLUTION
    }

    /** Serve at most {@code threads} connections at once; later ones wait for a free thread. */
    static ConcurrencyStrategy fixedPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a fixed pool needs at least 1 thread, got " + threads);
        }
        // BEGIN SOLUTION lab=02 task="fixed pool: serve at most `threads` connections at once on a pool of platform threads"
        return new ExecutorStrategy("fixed-pool-" + threads,
                Executors.newFixedThreadPool(threads, namedPlatformThreads("tcp-pool-")));
        // END SOLUTION
    }

    /** One virtual thread per connection: the default. */
    static ConcurrencyStrategy virtualThreads() {
        return new ExecutorStrategy("virtual-threads",
                Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tcp-vconn-", 0).factory()));
    }

    private static ThreadFactory namedPlatformThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Runs each task on the calling (accept) thread. */
    final class Iterative implements ConcurrencyStrategy {
        @Override
        public String name() {
            return "iterative";
        }

        @Override
        public void dispatch(Runnable connectionTask) {
            connectionTask.run();
        }

        @Override
        public void shutdown() {
            // Nothing to stop: the accept thread itself was the worker.
        }

        @Override
        public boolean awaitTermination(Duration timeout) {
            return true;
        }
    }

    /** Adapts any {@link ExecutorService}. */
    final class ExecutorStrategy implements ConcurrencyStrategy {
        private final String name;
        private final ExecutorService executor;

        public ExecutorStrategy(String name, ExecutorService executor) {
            this.name = name;
            this.executor = executor;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void dispatch(Runnable connectionTask) {
            executor.execute(connectionTask);
        }

        @Override
        public void shutdown() {
            executor.shutdown();
        }

        @Override
        public boolean awaitTermination(Duration timeout) throws InterruptedException {
            return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void shutdownNow() {
            executor.shutdownNow();
        }
    }
}
