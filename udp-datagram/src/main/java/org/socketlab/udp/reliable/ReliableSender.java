package org.socketlab.udp.reliable;

import java.util.Optional;

/** The sending end: delivers a fixed byte stream, then a FIN, and is finished when the FIN is acknowledged. */
public interface ReliableSender extends SegmentEndpoint {

    SenderStats stats();

    /** Why the sender gave up (a segment exceeded its retransmission budget), if it did. */
    Optional<String> failure();
}
