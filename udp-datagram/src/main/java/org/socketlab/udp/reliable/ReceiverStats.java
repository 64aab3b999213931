package org.socketlab.udp.reliable;

/**
 * What a receiver saw: sequenced segments accepted once, copies it had already (duplicates),
 * segments outside its window, and acknowledgements it sent.
 */
public record ReceiverStats(long segmentsAccepted, long duplicatesReceived, long outsideWindow,
                            long acksSent, long bytesDelivered) {
}
