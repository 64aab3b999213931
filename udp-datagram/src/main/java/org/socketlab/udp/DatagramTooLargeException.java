package org.socketlab.udp;

import java.io.IOException;

/**
 * The kernel refused to send a datagram because it cannot fit one IP packet (errno EMSGSIZE,
 * "Message too long"). The message states the limit and where it comes from.
 */
public final class DatagramTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int length;

    public DatagramTooLargeException(int length, String message, Throwable cause) {
        super(message, cause);
        this.length = length;
    }

    /** The payload length that was refused. */
    public int length() {
        return length;
    }
}
