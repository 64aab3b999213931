package org.socketlab.udp.reliable;

import java.time.Duration;

/**
 * The outcome of one reliable transfer.
 *
 * @param protocol           which protocol ran
 * @param bytes              payload bytes delivered intact (the stream length)
 * @param elapsed            from the first send to the sender's last acknowledgement
 * @param segmentsSent       every DATA/FIN transmission, first sends and retransmissions
 * @param retransmissions    transmissions beyond the first of each segment
 * @param timeouts           retransmission-timer expiries
 * @param duplicatesReceived sequenced segments the receiver already had
 * @param corruptDiscarded   datagrams that failed to decode (bad CRC, garbage), both ends
 * @param finalRto           the sender's RTO at the end, after RFC 6298 estimation
 */
public record TransferReport(Protocol protocol, long bytes, Duration elapsed, long segmentsSent,
                             long retransmissions, long timeouts, long duplicatesReceived,
                             long corruptDiscarded, Duration finalRto) {

    /** Builds a report from both ends' counters; {@code corruptDiscarded} counts both ends' decode failures. */
    public static TransferReport of(Protocol protocol, long bytes, long elapsedNanos, SenderStats sender,
                             ReceiverStats receiver, long corruptDiscarded) {
        return new TransferReport(protocol, bytes, Duration.ofNanos(elapsedNanos), sender.segmentsSent(),
                sender.retransmissions(), sender.timeouts(), receiver.duplicatesReceived(), corruptDiscarded,
                Duration.ofNanos(sender.finalRtoNanos()));
    }

    /** Delivered payload bytes per second of elapsed time. */
    public double goodputBytesPerSecond() {
        long nanos = Math.max(1, elapsed.toNanos());
        return bytes * 1e9 / nanos;
    }

    /** Retransmissions per first transmission. */
    public double retransmissionRatio() {
        long first = segmentsSent - retransmissions;
        return first == 0 ? 0 : (double) retransmissions / first;
    }

    public static String tableHeader() {
        return String.format("%-17s %9s %10s %12s %6s %8s %6s %8s", "protocol", "bytes", "elapsed ms",
                "goodput KiB/s", "sent", "retrans", "dups", "corrupt");
    }

    public String tableRow() {
        return String.format("%-17s %9d %10.1f %12.1f %6d %8d %6d %8d", protocol.label(), bytes,
                elapsed.toNanos() / 1e6, goodputBytesPerSecond() / 1024, segmentsSent, retransmissions,
                duplicatesReceived, corruptDiscarded);
    }
}
