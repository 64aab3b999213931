package org.socketlab.websocket.server;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * The front door's view of an accepted socket: its streams count every byte into the
 * {@link TrafficMeter} of the route being served (bytes read before the route is known — the
 * request head — are held back and added when {@link #attach} names the meter), and every write
 * has a deadline: a write that has not returned within the write timeout closes the socket,
 * which ends the blocked write with an exception ({@code java.net} has no send timeout).
 *
 * <p>It extends {@link Socket} so the WebSocket adapter ({@code WebSocketConnection}) can run on
 * it unchanged after an upgrade; only the methods that adapter and this package use are
 * delegated. One reader thread and one writer thread at a time, as for any socket.
 */
final class MeteredSocket extends Socket {

    private final Socket socket;
    private volatile long writeTimeoutNanos;
    private final InputStream in;
    private final OutputStream out;
    private volatile TrafficMeter target;
    private long unattributedIn;

    MeteredSocket(Socket socket, Duration writeTimeout) throws IOException {
        this.socket = socket;
        this.writeTimeoutNanos = writeTimeout.toNanos();
        this.in = new CountingInput(socket.getInputStream());
        this.out = new CountingOutput(socket.getOutputStream());
    }

    /** From now on bytes count for {@code stats}; the request head read so far counts too. */
    void attach(TrafficMeter stats) {
        stats.bytesIn(unattributedIn);
        unattributedIn = 0;
        target = stats;
    }

    /** The meter bytes count for now, or null (none attached): an event loop counts into it after an upgrade. */
    TrafficMeter meter() {
        return target;
    }

    /** The response is complete: bytes of the next request wait for its route. */
    void detach() {
        target = null;
    }

    /**
     * After an upgrade the WebSocket adapter has its own send timeout (and a writer thread that
     * may legitimately wait on a slow but live reader): the HTTP write deadline steps aside.
     */
    void disableWriteTimeout() {
        writeTimeoutNanos = 0;
    }

    private void countIn(int count) {
        TrafficMeter stats = target;
        if (stats == null) {
            unattributedIn += count;
        } else {
            stats.bytesIn(count);
        }
    }

    private void countOut(int count) {
        TrafficMeter stats = target;
        if (stats != null) {
            stats.bytesOut(count);
        }
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public synchronized void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return "Metered" + socket;
    }

    private ScheduledFuture<?> armWriteDeadline() {
        long timeout = writeTimeoutNanos;
        return timeout <= 0 ? null : WriteTimer.schedule(this::abortStalledWrite, timeout);
    }

    private static void disarm(ScheduledFuture<?> deadline) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    /** Runs on the timer thread: the peer read nothing for a whole write timeout. */
    private void abortStalledWrite() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; the blocked write fails either way.
        }
    }

    private final class CountingInput extends FilterInputStream {
        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                countIn(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = in.read(buffer, offset, length);
            if (count > 0) {
                countIn(count);
            }
            return count;
        }
    }

    private final class CountingOutput extends FilterOutputStream {
        CountingOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            ScheduledFuture<?> deadline = armWriteDeadline();
            try {
                out.write(buffer, offset, length);
            } finally {
                disarm(deadline);
            }
            countOut(length);
        }

        @Override
        public void flush() throws IOException {
            ScheduledFuture<?> deadline = armWriteDeadline();
            try {
                out.flush();
            } finally {
                disarm(deadline);
            }
        }
    }
}
