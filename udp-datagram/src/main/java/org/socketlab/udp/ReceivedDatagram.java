package org.socketlab.udp;

import java.net.SocketAddress;

/**
 * One datagram as {@code recvfrom()} returned it.
 *
 * @param data         the bytes that fit the buffer (a copy)
 * @param from         who sent it
 * @param bufferSize   how large the receive buffer was
 */
public record ReceivedDatagram(byte[] data, SocketAddress from, int bufferSize) {

    public int length() {
        return data.length;
    }

    /**
     * True when the datagram filled the buffer exactly, so it may have been longer: the kernel
     * silently discards the rest (Linux reports it only through the MSG_TRUNC flag, which Java
     * does not expose). Receive with a buffer one byte larger than the largest datagram you
     * accept, and "filled the buffer" then means "too long".
     */
    public boolean possiblyTruncated() {
        return data.length == bufferSize;
    }
}
