package org.socketlab.udp.reliable;

/**
 * A transfer did not complete: the sender gave up, a deadline passed, or (the defect this module
 * exists to prevent) the receiver delivered bytes that differ from what was sent. The message
 * says what happened and, for randomised runs, the seed that reproduces it.
 */
public final class TransferFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public TransferFailedException(String message) {
        super(message);
    }

    public TransferFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
