package org.socketlab.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The classic "write-write-read" pattern that Nagle's algorithm punishes.
 *
 * <p>The client sends each request as two small writes (a 2-byte header, then the body) and
 * waits for a 1-byte reply. With Nagle on (TCP_NODELAY false), the body may not leave until
 * the header is acknowledged — and the server delays that ACK (Linux: up to ~40 ms) hoping to
 * piggy-back it on a reply it cannot send before the body arrives. With TCP_NODELAY each round
 * trip takes microseconds on loopback.
 *
 * <p>This is a timing demonstration for the labs, not a test oracle: numbers vary by kernel.
 */
public final class NagleDemo {

    private static final byte[] HEADER = {0, 10};
    private static final byte[] BODY = "0123456789".getBytes(StandardCharsets.US_ASCII);

    private NagleDemo() {
    }

    /** Runs {@code rounds} request/reply round trips and returns the median round-trip time. */
    public static Duration medianRoundTrip(boolean tcpNoDelay, int rounds) throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            listener.setSoTimeout(5000);
            try (Socket client = new Socket()) {
                client.setTcpNoDelay(tcpNoDelay);
                client.setSoTimeout(5000);
                client.connect(listener.getLocalSocketAddress(), 5000);
                try (Socket served = listener.accept()) {
                    FutureTask<Void> server = startReplier(served, rounds);
                    long[] nanos = measure(client, rounds);
                    await(server);
                    Arrays.sort(nanos);
                    return Duration.ofNanos(nanos[nanos.length / 2]);
                }
            }
        }
    }

    private static long[] measure(Socket client, int rounds) throws IOException {
        OutputStream out = client.getOutputStream();
        InputStream in = client.getInputStream();
        long[] nanos = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            out.write(HEADER);                    // write() #1: small, leaves at once
            out.write(BODY);                      // write() #2: Nagle holds it until #1 is ACKed
            if (in.read() == -1) {                // read(): the 1-byte reply
                throw new IOException("server closed early");
            }
            nanos[round] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static FutureTask<Void> startReplier(Socket served, int rounds) {
        FutureTask<Void> server = new FutureTask<>(() -> {
            served.setTcpNoDelay(true);
            InputStream in = served.getInputStream();
            OutputStream out = served.getOutputStream();
            for (int round = 0; round < rounds; round++) {
                in.readNBytes(HEADER.length + BODY.length);
                out.write('k');
            }
            return null;
        });
        Thread.ofVirtual().name("nagle-replier").start(server);
        return server;
    }

    private static void await(FutureTask<Void> task) throws IOException {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("replier failed", e.getCause());
        }
    }
}
