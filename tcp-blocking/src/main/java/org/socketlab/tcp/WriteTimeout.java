package org.socketlab.tcp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The write timeout that {@code java.net} lacks. {@code SO_TIMEOUT} bounds reads only: a
 * {@code write()} to a peer that reads nothing blocks as soon as the peer's receive window and
 * our send buffer are full, and then waits forever, holding its thread. The stream returned by
 * {@link #guard} arms a timer around each write; if the write has not returned when it fires, the
 * socket is closed, which makes the blocked write fail at once.
 *
 * <p>One shared daemon timer thread serves every connection. Thread-safe.
 */
public final class WriteTimeout {

    private static final ScheduledThreadPoolExecutor TIMER = newTimer();

    private WriteTimeout() {
    }

    /**
     * The socket's output stream with every write bounded by {@code timeout};
     * {@link Duration#ZERO} returns the plain stream (writes may block forever).
     */
    public static OutputStream guard(Socket socket, Duration timeout) throws IOException {
        OutputStream raw = socket.getOutputStream();
        if (timeout.isZero()) {
            return raw;
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a write timeout must be >= 0, got " + timeout);
        }
        return new Guarded(raw, socket, timeout);
    }

    private static final class Guarded extends FilterOutputStream {
        private final Socket socket;
        private final Duration timeout;

        Guarded(OutputStream out, Socket socket, Duration timeout) {
            super(out);
            this.socket = socket;
            this.timeout = timeout;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            AtomicBoolean fired = new AtomicBoolean();
            ScheduledFuture<?> alarm = TIMER.schedule(() -> {
                fired.set(true);
                closeQuietly(socket); // a plain socket's close never blocks; the write throws
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                if (fired.get()) {
                    SocketTimeoutException timedOut = new SocketTimeoutException("write blocked for more than "
                            + timeout.toMillis() + " ms: the peer is not reading; connection closed");
                    timedOut.initCause(e);
                    throw timedOut;
                }
                throw e;
            } finally {
                alarm.cancel(false);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Best effort: the peer may be gone already.
        }
    }

    private static ScheduledThreadPoolExecutor newTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("tcp-write-timeout").daemon(true).factory());
        timer.setRemoveOnCancelPolicy(true); // one cancelled task per write must not pile up
        return timer;
    }
}
