package org.socketlab.udp.reliable;

import java.util.Arrays;

/** Compares what was sent with what was delivered and says where they first differ. */
public final class StreamComparison {
    private StreamComparison() {
    }

    /** Returns {@code null} when equal, else "expected N bytes, got M; first difference at offset K (…)". */
    public static String describeDifference(byte[] expected, byte[] actual) {
        int mismatch = Arrays.mismatch(expected, actual);
        if (mismatch < 0) {
            return null;
        }
        String detail = mismatch < Math.min(expected.length, actual.length)
                ? String.format("expected 0x%02x, got 0x%02x", expected[mismatch], actual[mismatch])
                : "one stream ends there";
        return "expected " + expected.length + " bytes, got " + actual.length + "; first difference at offset "
                + mismatch + " (" + detail + ")";
    }
}
