package org.socketlab.udp;

import java.net.SocketTimeoutException;

/** No matching reply arrived within all attempts; the message lists the attempts and their timeouts. */
public final class RequestTimeoutException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(String message) {
        super(message);
    }
}
