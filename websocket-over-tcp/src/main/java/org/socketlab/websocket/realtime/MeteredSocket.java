package org.socketlab.websocket.realtime;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * A connected socket whose streams count every byte into the {@link TrafficStats} of the
 * technique the connection is serving at the moment. Bytes read before the route is known
 * (the request head) are held back and added when {@link #attach} names the technique.
 *
 * <p>It extends {@link Socket} so the WebSocket adapter ({@code WebSocketConnection}) can run on
 * it unchanged after an upgrade; only the methods that adapter and this package use are
 * delegated. One reader thread and one writer thread at a time, as for any socket.
 */
final class MeteredSocket extends Socket {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private volatile TrafficStats target;
    private long unattributedIn;

    MeteredSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new CountingInput(socket.getInputStream());
        this.out = new CountingOutput(socket.getOutputStream());
    }

    /** From now on bytes count for {@code stats}; the request head read so far counts too. */
    void attach(TrafficStats stats) {
        stats.bytesIn(unattributedIn);
        unattributedIn = 0;
        target = stats;
    }

    /** The response is complete: bytes of the next request wait for its route. */
    void detach() {
        target = null;
    }

    private void countIn(int count) {
        TrafficStats stats = target;
        if (stats == null) {
            unattributedIn += count;
        } else {
            stats.bytesIn(count);
        }
    }

    private void countOut(int count) {
        TrafficStats stats = target;
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
            out.write(b);
            countOut(1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            countOut(length);
        }
    }
}
