package org.socketlab.udp.reliable;

/**
 * What a sender did: every transmission (first sends and retransmissions), timer expiries, and
 * acknowledgements that carried no news (duplicates, stale or outside the window).
 */
public record SenderStats(long segmentsSent, long retransmissions, long timeouts, long acksReceived,
                          long duplicateAcks, long finalRtoNanos) {
}
