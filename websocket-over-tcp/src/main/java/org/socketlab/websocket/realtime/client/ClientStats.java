package org.socketlab.websocket.realtime.client;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one or more ticker clients saw, counted at their sockets: requests sent, responses that
 * carried no event, events received, bytes up and down, payload bytes (the ticks' JSON) and the
 * delivery latency of every event. Thread-safe; several clients may share one instance.
 */
public final class ClientStats {

    /** Latency percentiles in microseconds. */
    public record Latency(long count, long p50Micros, long p99Micros, long maxMicros) {
    }

    private final LongAdder requests = new LongAdder();
    private final LongAdder emptyResponses = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder bytesUp = new LongAdder();
    private final LongAdder bytesDown = new LongAdder();
    private final LongAdder payloadBytes = new LongAdder();
    private final LongAdder connections = new LongAdder();
    private long[] latencies = new long[1024];
    private int latencyCount;

    void request() {
        requests.increment();
    }

    void emptyResponse() {
        emptyResponses.increment();
    }

    void connection() {
        connections.increment();
    }

    void bytesUp(long count) {
        bytesUp.add(count);
    }

    void bytesDown(long count) {
        bytesDown.add(count);
    }

    /** One event arrived now ({@code nowNanos}); it was published at {@code publishedNanos}. */
    void event(int payload, long publishedNanos, long nowNanos) {
        events.increment();
        payloadBytes.add(payload);
        synchronized (this) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencyCount * 2);
            }
            latencies[latencyCount++] = Math.max(0, nowNanos - publishedNanos);
        }
    }

    public long requests() {
        return requests.sum();
    }

    public long emptyResponses() {
        return emptyResponses.sum();
    }

    public long events() {
        return events.sum();
    }

    public long bytesUp() {
        return bytesUp.sum();
    }

    public long bytesDown() {
        return bytesDown.sum();
    }

    public long payloadBytes() {
        return payloadBytes.sum();
    }

    /** TCP connections opened (each one is a 3-way handshake the byte counts do not show). */
    public long connections() {
        return connections.sum();
    }

    /** p50 and p99 by the nearest-rank method over every recorded event. */
    public synchronized Latency latency() {
        if (latencyCount == 0) {
            return new Latency(0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        return new Latency(latencyCount, rank(sorted, 0.50) / 1_000, rank(sorted, 0.99) / 1_000,
                sorted[sorted.length - 1] / 1_000);
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
