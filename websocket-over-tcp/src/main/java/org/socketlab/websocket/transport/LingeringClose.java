package org.socketlab.websocket.transport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The end of a blocking connection: let the writer send what is queued (our close frame last,
 * bounded by the close timeout), half-close, drain what the peer still sends, then close the
 * socket (RFC 6455 §7.1.1: the server closes TCP first, and must not reset it).
 *
 * <p>Thread-safe: {@link #closeNow} may be called from any thread at any time (it is how a
 * stalled write or a dead peer is cut off); the other methods run once, on the reader thread or
 * on a thread of their own.
 */
final class LingeringClose {

    private static final Logger LOG = System.getLogger(LingeringClose.class.getName());
    /** Longest wait for the peer's FIN after ours (see {@link #linger()}). */
    static final long LINGER_MILLIS = 2_000;

    private final String id;
    private final Socket socket;
    private final OutboundQueue outbound;
    private final Duration closeTimeout;

    LingeringClose(String id, Socket socket, OutboundQueue outbound, Duration closeTimeout) {
        this.id = id;
        this.socket = socket;
        this.outbound = outbound;
        this.closeTimeout = closeTimeout;
    }

    /** On the reader thread once its loop ended: drain the queue (the close frame last), linger, close. */
    void afterReadLoop() {
        outbound.finish();
        try {
            if (!outbound.awaitDrained(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.DEBUG, "{0}: queued bytes not written within {1}; closing anyway", id, closeTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        linger();
        outbound.fail(new IOException("connection closed"));
    }

    /**
     * A timer decided TCP must close while the reader was blocked: lets the writer send the final
     * frames (bounded by the close timeout), then closes the socket, which wakes the reader.
     */
    void fromTimer() {
        outbound.finish();
        try {
            outbound.awaitDrained(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeNow();
    }

    /**
     * Sends FIN, then reads and discards what the peer still sends until it closes too (at
     * most {@link #LINGER_MILLIS}), then closes. Closing a socket with unread input makes the
     * kernel send RST, which can destroy our close frame before the peer reads it — exactly
     * after a protocol error, when the peer is still sending. TLS sockets cannot half-close,
     * so they are closed at once.
     */
    private void linger() {
        if (!(socket instanceof javax.net.ssl.SSLSocket) && !socket.isClosed()) {
            try {
                socket.shutdownOutput();
                socket.setSoTimeout((int) LINGER_MILLIS);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
                byte[] discard = new byte[8192];
                InputStream in = socket.getInputStream();
                while (System.nanoTime() < deadline && in.read(discard) >= 0) {
                    // drain: the peer's close reply or the rest of a message we refused
                }
            } catch (IOException ignored) {
                // timeout, reset or already closed: close below either way
            }
        }
        closeNow();
    }

    /** Closes the socket at once; a blocked read or write then ends with an exception. */
    void closeNow() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Best effort: the peer may be gone already.
        }
    }
}
