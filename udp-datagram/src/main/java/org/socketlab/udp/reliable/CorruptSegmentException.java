package org.socketlab.udp.reliable;

/**
 * The peer (or the network) sent a datagram that is not a valid segment: too short, an unknown
 * type, a length field that disagrees with the datagram, or a CRC32 mismatch. Receivers discard
 * such datagrams and count them; the transfer continues (the sender retransmits).
 */
public final class CorruptSegmentException extends Exception {
    private static final long serialVersionUID = 1L;

    public CorruptSegmentException(String message) {
        super(message);
    }
}
