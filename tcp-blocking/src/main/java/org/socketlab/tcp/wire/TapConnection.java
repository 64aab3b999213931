package org.socketlab.tcp.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Relays one connection: two virtual threads, one per direction, each a loop of
 * {@code read()} from one socket → report → {@code write()} of exactly those bytes to the other.
 *
 * <p>Ends of stream travel through the tap the way they arrived:
 * <ul>
 *   <li><b>Half-close.</b> {@code read()} returned -1: the sender shut down its output (FIN).
 *       The tap calls {@code shutdownOutput()} on the other socket, so the receiver reads its
 *       own -1 while the reverse direction keeps flowing. When both directions have ended, both
 *       sockets are closed normally.</li>
 *   <li><b>Reset.</b> {@code read()} threw (typically "Connection reset": the sender's kernel sent
 *       RST), or a {@code write()} failed because the receiver is gone. The tap aborts the other
 *       socket with {@code setSoLinger(true, 0)} + {@code close()}, which makes the kernel send
 *       RST instead of FIN, so the far end also learns that the connection failed.</li>
 * </ul>
 *
 * <p>Thread-safety: the two relay threads share only the atomics and the {@link ConnectionLog};
 * {@link #shutdown} may be called from any thread.
 */
final class TapConnection {

    private static final int BUFFER_SIZE = 16 * 1024;

    private final int id;
    private final Socket clientSocket;
    private final Socket serverSocket;
    private final ConnectionLog log;
    private final AtomicBoolean tornDown = new AtomicBoolean();
    private final AtomicInteger directionsOpen = new AtomicInteger(2);

    TapConnection(int id, Socket clientSocket, Socket serverSocket, ConnectionLog log) {
        this.id = id;
        this.clientSocket = clientSocket;
        this.serverSocket = serverSocket;
        this.log = log;
    }

    /** Relays until both directions have ended; returns after both sockets are closed. */
    void relay() throws InterruptedException {
        Thread upstream = Thread.ofVirtual().name("tap-" + id + "-c2s")
                .start(() -> pump(Direction.CLIENT_TO_SERVER, clientSocket, serverSocket));
        Thread downstream = Thread.ofVirtual().name("tap-" + id + "-s2c")
                .start(() -> pump(Direction.SERVER_TO_CLIENT, serverSocket, clientSocket));
        try {
            upstream.join();
            downstream.join();
        } finally {
            closeQuietly(clientSocket);
            closeQuietly(serverSocket);
        }
        log.closed();
    }

    /** Closes both sockets normally (the tap is stopping); the relay threads end quietly. */
    void shutdown() {
        if (tornDown.compareAndSet(false, true)) {
            log.note("tap stopping: closing both sockets");
            closeQuietly(clientSocket);
            closeQuietly(serverSocket);
        }
    }

    private void pump(Direction direction, Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER_SIZE];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                int count;
                try {
                    count = in.read(buffer);
                } catch (IOException readFailed) {
                    abort(direction, to, from, "reading failed (" + readFailed.getMessage()
                            + "); tap resets the " + receiverName(direction) + " with SO_LINGER 0");
                    return;
                }
                if (count < 0) {
                    halfClose(direction, from, to);
                    return;
                }
                // Report first, then forward: the peer cannot answer bytes it has not received yet,
                // so the report of a request always precedes the report of its response.
                log.data(direction, buffer, count);
                try {
                    out.write(buffer, 0, count);
                } catch (IOException writeFailed) {
                    log.note(direction.arrow() + " those " + count + " bytes could not be delivered: " + writeFailed.getMessage());
                    abort(direction.reverse(), from, to, "the " + receiverName(direction) + " is gone (" + writeFailed.getMessage()
                            + "); tap resets the " + receiverName(direction.reverse()) + " with SO_LINGER 0");
                    return;
                }
            }
        } catch (IOException streamsUnavailable) {
            // getInputStream/getOutputStream fail only when the socket is already closed.
            abort(direction, to, from, "socket unusable (" + streamsUnavailable.getMessage() + ")");
        }
    }

    /** The sender sent FIN: pass it on with shutdownOutput(); close everything once both sides are done. */
    private void halfClose(Direction direction, Socket sender, Socket receiver) {
        if (tornDown.get()) {
            return;
        }
        // Reported before it is passed on, like data: the receiver's reaction comes after.
        log.fin(direction, "the " + senderName(direction) + " half-closed; tap passes it on with shutdownOutput() toward the "
                + receiverName(direction));
        try {
            receiver.shutdownOutput();
        } catch (IOException e) {
            abort(direction.reverse(), sender, receiver, "shutdownOutput() toward the " + receiverName(direction)
                    + " failed (" + e.getMessage() + "); tap resets the " + senderName(direction));
            return;
        }
        if (directionsOpen.decrementAndGet() == 0 && tornDown.compareAndSet(false, true)) {
            closeQuietly(clientSocket);
            closeQuietly(serverSocket);
        }
    }

    /**
     * The connection failed on {@code failedDirection}'s sender side: reset {@code victim} so its
     * peer sees RST too, and close {@code other}. Only the first failure is reported; the error
     * the other relay thread then sees is our own doing.
     */
    private void abort(Direction failedDirection, Socket victim, Socket other, String explanation) {
        if (!tornDown.compareAndSet(false, true)) {
            return;
        }
        log.reset(failedDirection, explanation);
        try {
            victim.setSoLinger(true, 0);     // SO_LINGER with timeout 0: close() sends RST, discards unsent data
        } catch (IOException ignored) {
            // already closed: nothing to reset
        }
        closeQuietly(victim);
        closeQuietly(other);
    }

    private static String senderName(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVER ? "client" : "server";
    }

    private static String receiverName(Direction direction) {
        return senderName(direction.reverse());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort: the peer may be gone already
        }
    }
}
