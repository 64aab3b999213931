package org.socketlab.websocket.transport;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLSocket;

/**
 * Runs the server side of a TLS handshake (RFC 8446 §4) to completion or to a deadline, whichever
 * comes first. Call it at the start of a connection, before reading anything.
 *
 * <p>Why it is needed: an {@link SSLSocket} accepted from an {@code SSLServerSocket} runs its
 * whole handshake inside the first {@code read} or {@code write}, and {@code SO_TIMEOUT} bounds
 * each read of the socket underneath, not the handshake: a ClientHello trickled one byte at a time
 * (each byte within the read timeout) kept a socket and its thread forever, and a 503 written to
 * a silent client past {@code maxConnections} waited in the handshake with no timeout at all. Here
 * the handshake is started explicitly, and the shared timer thread closes the socket if it has
 * not finished by the deadline; the blocked handshake then fails at once.
 *
 * <p>The exception it throws is the caller's to log (TcpServer logs it once, with the address).
 * Plain sockets pass through untouched. Thread-safe (stateless); the timer task never blocks
 * the timer thread: the close runs on a virtual thread of its own.
 */
public final class TlsHandshakeDeadline {

    private static final int RUNNING = 0;
    private static final int FINISHED = 1;
    private static final int EXPIRED = 2;

    private TlsHandshakeDeadline() {
    }

    /** {@link #complete(Socket, long)} with a deadline {@code timeout} from now. */
    public static void complete(Socket socket, Duration timeout) throws IOException {
        complete(socket, System.nanoTime() + timeout.toNanos());
    }

    /**
     * Completes the TLS handshake of {@code socket} before {@code deadlineNanos} (a
     * {@link System#nanoTime()} value); does nothing for a socket without TLS. Call it once, on a
     * freshly accepted socket: on an established session {@code startHandshake} would renegotiate.
     *
     * @throws SocketTimeoutException the deadline passed first; the socket is closed
     * @throws IOException            the handshake failed (bad ClientHello, no common version ...)
     */
    public static void complete(Socket socket, long deadlineNanos) throws IOException {
        // Not getSession(): on a fresh socket it would itself run the handshake, with no deadline.
        if (!(socket instanceof SSLSocket tls)) {
            return;
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            closeQuietly(socket);
            throw timedOut(socket, 0, null);
        }
        int previousTimeout = socket.getSoTimeout();
        try (Armed alarm = arm(socket, deadlineNanos)) {
            // Each read is bounded too, so a handshake never outlives the deadline by much
            // even if the timer thread is late.
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            try {
                tls.startHandshake();
            } catch (IOException e) {
                if (alarm.expired() || e instanceof SocketTimeoutException) {
                    closeQuietly(socket);
                    throw timedOut(socket, remaining, e);
                }
                throw e;
            }
            if (!alarm.disarm()) {
                throw timedOut(socket, remaining, null); // it finished as the alarm went off: the socket is closing
            }
        }
        socket.setSoTimeout(previousTimeout);
    }

    /**
     * Closes {@code socket} at {@code deadlineNanos} unless the returned handle is closed first —
     * for any phase that must end by a deadline while reading through TLS. A TLS read returns only
     * whole records, and {@code SO_TIMEOUT} bounds each read underneath, so a record trickled a
     * byte at a time (an upgrade request after the handshake, say) would escape the deadline just
     * as a trickled ClientHello does. Plain sockets get a handle that does nothing: their reads
     * return whatever arrived, and the caller's own deadline check runs between them.
     */
    public static Armed arm(Socket socket, long deadlineNanos) {
        if (!(socket instanceof SSLSocket)) {
            return new Armed(null);
        }
        Armed armed = new Armed(new AtomicInteger(RUNNING));
        armed.alarm = ProtocolAlarm.schedule(() -> expire(socket, armed.state),
                Math.max(0, deadlineNanos - System.nanoTime()));
        return armed;
    }

    /** A pending deadline; {@link #close()} disarms it. Not thread-safe: one owner. */
    public static final class Armed implements AutoCloseable {
        private final AtomicInteger state;
        private ScheduledFuture<?> alarm;

        private Armed(AtomicInteger state) {
            this.state = state;
        }

        /** Whether the deadline passed and the socket was (or is being) closed. */
        public boolean expired() {
            return state != null && state.get() == EXPIRED;
        }

        /** Disarms; false when the deadline had already passed. */
        boolean disarm() {
            if (state == null) {
                return true;
            }
            alarm.cancel(false);
            return state.compareAndSet(RUNNING, FINISHED) || state.get() == FINISHED;
        }

        @Override
        public void close() {
            disarm();
        }
    }

    /** On the timer thread: claims the socket, then closes it elsewhere (a TLS close may block). */
    private static void expire(Socket socket, AtomicInteger state) {
        if (state.compareAndSet(RUNNING, EXPIRED)) {
            Thread.ofVirtual().name("tls-deadline-close").start(() -> closeQuietly(socket));
        }
    }

    private static SocketTimeoutException timedOut(Socket socket, long allowedNanos, Throwable cause) {
        String message = "the TLS handshake with " + socket.getRemoteSocketAddress() + " did not finish within "
                + TimeUnit.NANOSECONDS.toMillis(allowedNanos) + " ms (the handshake deadline); socket closed";
        SocketTimeoutException timeout = new SocketTimeoutException(message);
        if (cause != null) {
            timeout.initCause(cause);
        }
        return timeout;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Best effort: the peer may be gone already.
        }
    }
}
