package org.socketlab.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;

/**
 * Writes back every byte it reads, until the client half-closes (read() returns -1); then it
 * half-closes its own side so the client's read loop ends too.
 *
 * <p>Note what it does <em>not</em> assume: one {@code read()} may return part of what the
 * client wrote in one {@code write()}, or several writes at once. The echo is correct anyway
 * because it forwards bytes, not messages.
 *
 * <p>Stateless and therefore safe to share between connections.
 */
public final class EchoHandler implements ConnectionHandler {

    private final int bufferSize;
    private final Duration writeTimeout;

    public EchoHandler() {
        this(8192);
    }

    public EchoHandler(int bufferSize) {
        this(bufferSize, Duration.ZERO);
    }

    /**
     * @param writeTimeout how long one write may block on a client that does not read before the
     *                     connection is closed ({@link WriteTimeout}); zero waits forever
     */
    public EchoHandler(int bufferSize, Duration writeTimeout) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer size must be at least 1 byte, got " + bufferSize);
        }
        if (writeTimeout.isNegative()) {
            throw new IllegalArgumentException("write timeout must be >= 0, got " + writeTimeout);
        }
        this.bufferSize = bufferSize;
        this.writeTimeout = writeTimeout;
    }

    @Override
    public void handle(Socket clientSocket) throws IOException {
        // BEGIN SOLUTION lab=01 task="the echo loop: write back every byte read until read() returns -1, then shutdownOutput()"
        InputStream fromClient = clientSocket.getInputStream();
        OutputStream toClient = WriteTimeout.guard(clientSocket, writeTimeout); // getOutputStream(), bounded
        byte[] buffer = new byte[bufferSize];
        int count;
        // read(): blocks until at least one byte is available, the peer half-closes (-1) or
        // SO_TIMEOUT expires (SocketTimeoutException).
        while ((count = fromClient.read(buffer)) != -1) {
            toClient.write(buffer, 0, count);   // write(): may block while the client does not read
        }
        // shutdown(SHUT_WR): send our FIN; the client's read() now returns -1 after the echo.
        clientSocket.shutdownOutput();
        // END SOLUTION
    }
}
