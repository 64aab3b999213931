package org.socketlab.udp.reliable;

import java.util.Arrays;

/** Cuts a byte stream into segment-sized payloads; the chunk after the last payload is the FIN. */
final class StreamChunks {
    private final byte[] data;
    private final int segmentSize;
    private final int dataSegments;

    StreamChunks(byte[] data, int segmentSize) {
        this.data = data.clone();
        this.segmentSize = segmentSize;
        long count = (data.length + (long) segmentSize - 1) / segmentSize;
        if (count >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("stream of " + data.length + " bytes needs " + count
                    + " segments; at most " + (Integer.MAX_VALUE - 1) + " fit the sequence space");
        }
        this.dataSegments = (int) count;
    }

    /** DATA segments plus one FIN. */
    int count() {
        return dataSegments + 1;
    }

    boolean isFin(int index) {
        return index == dataSegments;
    }

    Segment segment(int index, int seq) {
        if (isFin(index)) {
            return Segment.fin(seq);
        }
        int from = index * segmentSize;
        return Segment.data(seq, Arrays.copyOfRange(data, from, Math.min(data.length, from + segmentSize)));
    }
}
