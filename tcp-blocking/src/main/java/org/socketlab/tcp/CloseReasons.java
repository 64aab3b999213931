package org.socketlab.tcp;

import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * Turns the exception that ended a connection into one plain sentence for the log, so an
 * operator (or a student) can tell a stalled client from a reset one at a glance.
 */
public final class CloseReasons {

    private CloseReasons() {
    }

    /**
     * Describes why a connection ended.
     *
     * @param reason the exception that ended it, or {@code null} for a normal end
     */
    public static String describe(Throwable reason) {
        if (reason == null) {
            return "closed normally";
        }
        String message = reason.getMessage() == null ? "" : reason.getMessage();
        if (reason instanceof SocketTimeoutException) {
            // The JDK's read timeout says "Read timed out"; a write or handshake deadline says what it was.
            return message.isEmpty() || message.startsWith("Read timed out")
                    ? "read timed out (SO_TIMEOUT expired while the client sent nothing): " + message
                    : "timed out: " + message;
        }
        if (reason instanceof EOFException) {
            return "client disconnected in the middle of a message: " + message;
        }
        if (reason instanceof SocketException && message.toLowerCase().contains("reset")) {
            return "connection reset by the client (it sent RST): " + message;
        }
        if (reason instanceof SocketException && message.toLowerCase().contains("broken pipe")) {
            return "client went away while we were writing (EPIPE): " + message;
        }
        return reason.getClass().getSimpleName() + ": " + message;
    }
}
