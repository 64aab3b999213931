package org.socketlab.udp.reliable;

/** The reliability protocols this module implements, with a factory for each end. */
public enum Protocol {
    /** Stop-and-wait with a one-bit sequence number: correct on FIFO links only (see {@link SequenceSpace}). */
    ALTERNATING_BIT("alternating bit"),
    /** Stop-and-wait with 32-bit sequence numbers: survives duplication and reordering. */
    STOP_AND_WAIT("stop-and-wait"),
    /** Sliding window, Go-Back-N: cumulative ACKs, one timer, resend the whole window on timeout. */
    GO_BACK_N("go-back-N"),
    /** Sliding window, selective repeat: individual ACKs, a timer per segment, resend only what was lost. */
    SELECTIVE_REPEAT("selective repeat");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public ReliableSender newSender(byte[] data, ReliabilityConfig config, long nowNanos) {
        return switch (this) {
            case ALTERNATING_BIT -> new StopAndWaitSender(data, config, SequenceSpace.ALTERNATING_BIT, nowNanos);
            case STOP_AND_WAIT -> new StopAndWaitSender(data, config, SequenceSpace.WIDE, nowNanos);
            case GO_BACK_N -> new GoBackNSender(data, config, nowNanos);
            case SELECTIVE_REPEAT -> new SelectiveRepeatSender(data, config, nowNanos);
        };
    }

    public ReliableReceiver newReceiver(ReliabilityConfig config) {
        return switch (this) {
            case ALTERNATING_BIT -> new StopAndWaitReceiver(SequenceSpace.ALTERNATING_BIT);
            case STOP_AND_WAIT -> new StopAndWaitReceiver(SequenceSpace.WIDE);
            case GO_BACK_N -> new GoBackNReceiver(config);
            case SELECTIVE_REPEAT -> new SelectiveRepeatReceiver(config);
        };
    }
}
