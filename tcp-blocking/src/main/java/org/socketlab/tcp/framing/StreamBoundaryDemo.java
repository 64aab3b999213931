package org.socketlab.tcp.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Shows, on a real loopback connection, that TCP does not preserve message boundaries: what
 * the sender passed to {@code write()} and what the receiver gets from {@code read()} are
 * unrelated sizes.
 *
 * <p>Each method opens its own listening socket on an ephemeral loopback port and closes
 * everything before it returns. Safe to call from several threads at once.
 */
public final class StreamBoundaryDemo {

    /** What each side did: the sizes passed to write() and the sizes read() returned. */
    public record Exchange(List<Integer> writeSizes, List<Integer> readSizes, byte[] received) {
        public int bytesWritten() {
            return writeSizes.stream().mapToInt(Integer::intValue).sum();
        }
    }

    private StreamBoundaryDemo() {
    }

    /**
     * Coalescing: the sender makes {@code messageCount} separate writes (with TCP_NODELAY, so
     * each leaves as its own segment) and only then the receiver reads, with a large buffer.
     * The bytes of many writes come back from a single read().
     */
    public static Exchange coalescedWrites(int messageCount, int messageBytes) throws IOException {
        try (ServerSocket listener = listen(0);
             Socket sender = connect(listener);
             Socket receiver = listener.accept()) {
            sender.setTcpNoDelay(true);
            List<Integer> writeSizes = new ArrayList<>();
            OutputStream out = sender.getOutputStream();
            for (int i = 0; i < messageCount; i++) {
                out.write(message(i, messageBytes));
                writeSizes.add(messageBytes);
            }
            sender.shutdownOutput();                       // FIN: the receiver's read() ends with -1
            return readAll(writeSizes, receiver, 64 * 1024);
        }
    }

    /**
     * Splitting: the sender makes ONE write of {@code messageBytes} while the receiver's
     * socket buffer (SO_RCVBUF) is small; the receiver needs many read() calls for it, even
     * though its read buffer is large enough for the whole message.
     */
    public static Exchange splitWrite(int messageBytes, int receiveBufferBytes) throws IOException {
        try (ServerSocket listener = listen(receiveBufferBytes);
             Socket sender = connect(listener);
             Socket receiver = listener.accept()) {
            byte[] message = message(7, messageBytes);
            FutureTask<Void> writer = new FutureTask<>(() -> {
                sender.getOutputStream().write(message);   // one write() call
                sender.shutdownOutput();
                return null;
            });
            Thread.ofVirtual().name("split-writer").start(writer);
            Exchange exchange = readAll(List.of(messageBytes), receiver, messageBytes);
            await(writer);
            return exchange;
        }
    }

    /** A recognisable message: "#i:" followed by letters, {@code size} bytes in all. */
    public static byte[] message(int index, int size) {
        byte[] bytes = new byte[size];
        byte[] prefix = ("#" + index + ":").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            bytes[i] = i < prefix.length ? prefix[i] : (byte) ('a' + (index + i) % 26);
        }
        return bytes;
    }

    private static ServerSocket listen(int receiveBufferBytes) throws IOException {
        ServerSocket listener = new ServerSocket();
        if (receiveBufferBytes > 0) {
            // Set before bind(): accepted sockets inherit it, and it bounds the TCP window.
            listener.setReceiveBufferSize(receiveBufferBytes);
        }
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        listener.setSoTimeout(5000);
        return listener;
    }

    private static Socket connect(ServerSocket listener) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(5000);
        socket.connect(listener.getLocalSocketAddress(), 5000);
        return socket;
    }

    private static void await(FutureTask<Void> writer) throws IOException {
        try {
            writer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("writer failed", e.getCause());
        }
    }

    /** read() until end of stream, recording how many bytes each call returned. */
    private static Exchange readAll(List<Integer> writeSizes, Socket receiver, int bufferBytes)
            throws IOException {
        receiver.setSoTimeout(5000);
        InputStream in = receiver.getInputStream();
        byte[] buffer = new byte[bufferBytes];
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        List<Integer> readSizes = new ArrayList<>();
        int count;
        while ((count = in.read(buffer)) != -1) {
            readSizes.add(count);
            received.write(buffer, 0, count);
        }
        return new Exchange(writeSizes, readSizes, received.toByteArray());
    }
}
