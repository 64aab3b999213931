package org.socketlab.tcp.framing;

import java.io.IOException;

/**
 * The peer broke the framing rules (a line or frame longer than the configured maximum, a
 * negative length). The connection cannot be resynchronised and must be closed.
 *
 * <p>It is an {@link IOException} so that a {@link org.socketlab.tcp.ConnectionHandler} can
 * let it escape: the server then closes the connection and logs this message as the reason.
 */
public class FramingException extends IOException {

    private static final long serialVersionUID = 1L;

    public FramingException(String message) {
        super(message);
    }
}
