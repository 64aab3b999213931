package org.socketlab.udp.reliable;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One unit of the reliability protocols: a sequenced chunk of the byte stream ({@link Type#DATA}),
 * the end-of-stream marker ({@link Type#FIN}, sequenced like data so it is retransmitted like
 * data), or an acknowledgement ({@link Type#ACK}). What an ACK's number means is the protocol's
 * choice: the segment that arrived (stop-and-wait, selective repeat) or the next one expected,
 * acknowledging everything before it (Go-Back-N, cumulative like TCP's acknowledgement number).
 *
 * <p>Sequence numbers are unsigned 32-bit values carried in an {@code int}; stop-and-wait with
 * the alternating bit only ever uses 0 and 1. The payload array is owned by the segment: callers
 * must not modify it after construction.
 */
public record Segment(Type type, int seq, byte[] payload) {

    /** Segment kinds; {@link #code()} is the byte on the wire. */
    public enum Type {
        DATA(1), ACK(2), FIN(3);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** Returns the type for a wire code, or {@code null} when the code is not defined. */
        static Type fromCode(int code) {
            for (Type type : values()) {
                if (type.code == code) {
                    return type;
                }
            }
            return null;
        }
    }

    private static final byte[] EMPTY = new byte[0];

    public Segment {
        if (type == null) {
            throw new IllegalArgumentException("segment type must not be null");
        }
        payload = payload == null ? EMPTY : payload;
        if (type != Type.DATA && payload.length != 0) {
            throw new IllegalArgumentException(
                    type + " segment carries " + payload.length + " payload bytes; only DATA may carry a payload");
        }
        if (payload.length > SegmentCodec.MAX_PAYLOAD) {
            throw new IllegalArgumentException("segment payload is " + payload.length
                    + " bytes; the maximum is " + SegmentCodec.MAX_PAYLOAD + " (one IPv4 UDP datagram)");
        }
    }

    public static Segment data(int seq, byte[] payload) {
        return new Segment(Type.DATA, seq, payload);
    }

    public static Segment fin(int seq) {
        return new Segment(Type.FIN, seq, EMPTY);
    }

    public static Segment ack(int seq) {
        return new Segment(Type.ACK, seq, EMPTY);
    }

    /** DATA and FIN occupy a sequence number; ACK does not. */
    public boolean isSequenced() {
        return type != Type.ACK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Segment that
                && type == that.type && seq == that.seq && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + seq) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String preview = HexFormat.of().formatHex(payload, 0, Math.min(8, payload.length));
        return type + "(seq=" + Integer.toUnsignedString(seq) + ", " + payload.length + " bytes"
                + (payload.length > 0 ? ", " + preview + (payload.length > 8 ? "…" : "") : "") + ")";
    }
}
