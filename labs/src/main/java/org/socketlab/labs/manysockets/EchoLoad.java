package org.socketlab.labs.manysockets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Many echo connections from this JVM: open them all (and keep them open, so the server holds
 * them while it is measured), then let every connection do round trips at once — send a small
 * message, read its echo, again — and check every byte.
 */
public final class EchoLoad implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 20_000;

    private final List<Socket> sockets;

    private EchoLoad(List<Socket> sockets) {
        this.sockets = sockets;
    }

    /** Opens {@code connections} sockets to 127.0.0.1:{@code port}, one after another. */
    public static EchoLoad open(int port, int connections) throws IOException {
        List<Socket> sockets = new ArrayList<>(connections);
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.connect(server, TIMEOUT_MILLIS);
            }
        } catch (IOException e) {
            closeAll(sockets);
            throw e;
        }
        return new EchoLoad(sockets);
    }

    public int connections() {
        return sockets.size();
    }

    /** The result of {@link #roundTrips}: messages echoed and the wall time it took. */
    public record Result(long messages, long elapsedNanos) {
        public double messagesPerSecond() {
            return messages * 1e9 / Math.max(1, elapsedNanos);
        }
    }

    /** Every connection does {@code perConnection} round trips of {@code bytes} bytes, all at once. */
    public Result roundTrips(int perConnection, int bytes) throws IOException, InterruptedException {
        long start = System.nanoTime();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> done = new ArrayList<>();
            for (int i = 0; i < sockets.size(); i++) {
                Socket socket = sockets.get(i);
                byte[] message = new byte[bytes];
                Arrays.fill(message, (byte) ('a' + i % 26));
                done.add(clients.submit(() -> {
                    echo(socket, message, perConnection);
                    return null;
                }));
            }
            for (Future<Void> client : done) {
                client.get(120, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            throw new IOException("a connection failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the load did not finish within 120 s", e);
        }
        return new Result((long) perConnection * sockets.size(), System.nanoTime() - start);
    }

    private static void echo(Socket socket, byte[] message, int times) throws IOException {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        for (int i = 0; i < times; i++) {
            out.write(message);
            byte[] echo = in.readNBytes(message.length);
            if (!Arrays.equals(echo, message)) {
                throw new IOException("wrong echo on " + socket.getLocalSocketAddress() + ": got " + echo.length
                        + " bytes, expected " + message.length + " equal ones");
            }
        }
    }

    @Override
    public void close() {
        closeAll(sockets);
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing is best effort.
            }
        }
    }
}
