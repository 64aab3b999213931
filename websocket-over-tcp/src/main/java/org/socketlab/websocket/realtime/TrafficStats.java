package org.socketlab.websocket.realtime;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for one technique, fed from the socket: every byte read or written is counted, and
 * the routes say which of the written bytes were event payload (the tick's JSON). Everything
 * else — request lines, header fields, chunk-size lines, {@code data:} prefixes, frame headers
 * — is overhead. Thread-safe.
 */
public final class TrafficStats implements org.socketlab.websocket.server.TrafficMeter {

    /** A consistent-enough copy of the counters (each read once). */
    public record Snapshot(long requests, long bytesIn, long bytesOut, long payloadBytes, long events,
                           long emptyResponses) {

        /** Bytes on the wire in both directions that were not event payload. */
        public long overheadBytes() {
            return bytesIn + bytesOut - payloadBytes;
        }

        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(requests - earlier.requests, bytesIn - earlier.bytesIn, bytesOut - earlier.bytesOut,
                    payloadBytes - earlier.payloadBytes, events - earlier.events,
                    emptyResponses - earlier.emptyResponses);
        }
    }

    private final LongAdder requests = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder payloadBytes = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder emptyResponses = new LongAdder();

    void request() {
        requests.increment();
    }

    @Override
    public void bytesIn(long count) {
        bytesIn.add(count);
    }

    @Override
    public void bytesOut(long count) {
        bytesOut.add(count);
    }

    /** {@code count} events carrying {@code bytes} of payload were written. */
    void delivered(int count, long bytes) {
        events.add(count);
        payloadBytes.add(bytes);
    }

    void emptyResponse() {
        emptyResponses.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(requests.sum(), bytesIn.sum(), bytesOut.sum(), payloadBytes.sum(), events.sum(),
                emptyResponses.sum());
    }
}
