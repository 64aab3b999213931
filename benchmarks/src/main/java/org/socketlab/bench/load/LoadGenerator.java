package org.socketlab.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.socketlab.bench.codec.WireFrames;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.bench.report.ForeignCpu;

/**
 * The echo load generator: blocking sockets, one virtual thread per connection, closed loop
 * (send, wait for the echo, send again), latency into a per-connection HdrHistogram merged at
 * the end. Idle connections are opened (handshake done) first and then left silent, so the
 * server must hold them while it serves the active ones.
 */
public final class LoadGenerator {

    /** How many handshakes run at once while connections are opened (keeps accept queues calm). */
    static final int CONCURRENT_OPENS = 64;
    static final int TIMEOUT_MILLIS = 15_000;
    static final int WARM_UP_TIMEOUT_MILLIS = 2_000;
    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private LoadGenerator() {
    }

    /** Opens {@code count} connections (handshake done), a bounded number at a time. */
    public static List<EchoConnection> open(InetSocketAddress address, String path, int count) throws IOException {
        List<EchoConnection> connections = new ArrayList<>(count);
        Semaphore permits = new Semaphore(CONCURRENT_OPENS);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<EchoConnection>> opening = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                opening.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return EchoConnection.open(address, path, TIMEOUT_MILLIS);
                    } finally {
                        permits.release();
                    }
                }));
            }
            IOException firstFailure = null;
            for (Future<EchoConnection> future : opening) {
                try {
                    connections.add(future.get());
                } catch (Exception e) {
                    firstFailure = firstFailure != null ? firstFailure
                            : new IOException("could not open connection " + (connections.size() + 1) + " of " + count, e);
                }
            }
            if (firstFailure != null) {
                closeAll(connections);
                throw firstFailure;
            }
        }
        return connections;
    }

    /**
     * Warms a freshly started server up: one connection, round trips for about a second, then closed;
     * every server gets the same treatment before it is measured. Returns a failure description, or
     * an empty string. (Java-WebSocket's server sometimes stops echoing on its first connection —
     * observed here, never with the other servers — and this keeps that out of the measured runs.)
     */
    public static String warmUp(InetSocketAddress address, String path) {
        Frame message = Frame.binary(ByteBuffer.wrap(WireFrames.payload(125)));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        try (EchoConnection connection = EchoConnection.open(address, path, WARM_UP_TIMEOUT_MILLIS)) {
            while (System.nanoTime() < end) {
                connection.roundTrip(message);
            }
            return "";
        } catch (Exception e) {
            return e.toString();
        }
    }

    /**
     * Runs the scenario against a server at {@code address}; {@code progressMillis} receives the
     * elapsed milliseconds of warm-up plus measurement as they pass (for a progress bar).
     */
    public static LoadResult run(LoadScenario scenario, InetSocketAddress address, String path,
                                 LongConsumer progressMillis) throws IOException, InterruptedException {
        List<EchoConnection> idle = open(address, path, scenario.idleConnections());
        List<EchoConnection> active = open(address, path, scenario.activeConnections());
        try {
            double loadBefore = org.socketlab.bench.report.LoadAverage.now();
            ForeignCpu.Snapshot cpuBefore = ForeignCpu.take();
            LoadResult result = measure(scenario, active, progressMillis);
            double foreign = ForeignCpu.foreignCores(cpuBefore, ForeignCpu.take());
            return result.withLoad(loadBefore, org.socketlab.bench.report.LoadAverage.now(), foreign);
        } finally {
            closeAll(active);
            closeAll(idle);
        }
    }

    private static LoadResult measure(LoadScenario scenario, List<EchoConnection> active, LongConsumer progressMillis)
            throws InterruptedException {
        // Shared by all senders: the encoder only reads the payload, with absolute indexes.
        Frame message = Frame.binary(ByteBuffer.wrap(WireFrames.payload(scenario.messageBytes())));
        long start = System.nanoTime();
        long recordFrom = start + scenario.warmup().toNanos();
        long end = recordFrom + scenario.measure().toNanos();
        ConcurrentLinkedQueue<Histogram> histograms = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>("");
        CountDownLatch done = new CountDownLatch(active.size());
        for (EchoConnection connection : active) {
            Thread.ofVirtual().name("load-sender").start(() -> {
                Histogram histogram = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
                try {
                    sendUntil(connection, message, recordFrom, end, histogram);
                } catch (Exception e) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet("", e.toString());
                } finally {
                    histograms.add(histogram);
                    done.countDown();
                }
            });
        }
        long totalMillis = TimeUnit.NANOSECONDS.toMillis(end - start);
        while (!done.await(100, TimeUnit.MILLISECONDS)) {
            progressMillis.accept(Math.min(totalMillis, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
            // A sender waiting for a lost echo gives up on its own read timeout (TIMEOUT_MILLIS) and is
            // counted as a failed connection; this is only the backstop for a sender stuck elsewhere.
            if (System.nanoTime() > end + TimeUnit.MILLISECONDS.toNanos(2L * TIMEOUT_MILLIS)) {
                throw new IllegalStateException(scenario.label() + ": senders did not stop "
                        + 2 * TIMEOUT_MILLIS + " ms after the window closed");
            }
        }
        progressMillis.accept(totalMillis);
        return summarise(scenario, histograms, failed.get(), firstFailure.get());
    }

    private static void sendUntil(EchoConnection connection, Frame message, long recordFrom, long end,
                                  Histogram histogram) throws Exception {
        while (true) {
            long rtt = connection.roundTrip(message);
            long now = System.nanoTime();
            if (now >= end) {
                return;
            }
            if (now >= recordFrom) {
                histogram.recordValue(Math.min(rtt, HIGHEST_TRACKABLE_NANOS));
            }
        }
    }

    private static LoadResult summarise(LoadScenario scenario, Iterable<Histogram> histograms, int failed,
                                        String firstFailure) {
        Histogram all = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
        histograms.forEach(all::add);
        double seconds = scenario.measure().toNanos() / 1e9;
        long messages = all.getTotalCount();
        return new LoadResult(scenario, messages, messages / seconds,
                all.getValueAtPercentile(50) / 1e3, all.getValueAtPercentile(99) / 1e3,
                all.getValueAtPercentile(99.9) / 1e3, all.getMaxValue() / 1e3, failed, firstFailure, Double.NaN, Double.NaN, Double.NaN);
    }

    static void closeAll(List<EchoConnection> connections) {
        for (EchoConnection connection : connections) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing a socket that is already gone: nothing to do
            }
        }
    }
}
