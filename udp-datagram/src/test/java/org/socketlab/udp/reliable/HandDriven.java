package org.socketlab.udp.reliable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What the tests that drive a protocol by hand share: round numbers of virtual time and ASCII payloads. */
final class HandDriven {
    /** One millisecond of virtual time, in the nanoseconds every endpoint takes. */
    static final long MS = 1_000_000L;

    /** An RTO of 100 ms before any sample (floor 10 ms, cap 1 s): deadlines you can check by hand. */
    static final ReliabilityConfig RTO_100_MS = ReliabilityConfig.defaults()
            .withRto(Duration.ofMillis(100), Duration.ofMillis(10), Duration.ofSeconds(1));

    /** A window of 3 one-byte segments: "abcde" is five DATA segments and a FIN, each seq its index. */
    static final ReliabilityConfig WINDOW_OF_3 = RTO_100_MS.withSegmentSize(1).withWindowSize(3);

    private HandDriven() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
