package org.socketlab.websocket.realtime.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.http.HttpResponseParser;

/**
 * One TCP connection to an HTTP/1.1 server, typed by hand: write a request's bytes, read the
 * response head (and a Content-Length body) with the {@code http} package's parser, then read
 * whatever body bytes follow. Every byte read or written is counted into {@link ClientStats}.
 * Not thread-safe, except {@link #close()}, which any thread may call to unblock a read.
 */
final class RawHttpConnection implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ClientStats stats;
    private final byte[] readBuffer = new byte[16 * 1024];
    private ByteBuffer pending = ByteBuffer.allocate(0);

    RawHttpConnection(String host, int port, ClientStats stats) throws IOException {
        this.stats = stats;
        this.socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        stats.connection();
    }

    /** Writes {@code request} (ASCII) and flushes. */
    void send(String request) throws IOException {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes);
        out.flush();
        stats.bytesUp(bytes.length);
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        stats.bytesUp(bytes.length);
    }

    /** Reads one response head plus its Content-Length body; null when the server closed first. */
    HttpResponse readResponse() throws IOException {
        HttpResponseParser parser = new HttpResponseParser();
        try {
            while (true) {
                if (pending.hasRemaining()) {
                    HttpResponse response = parser.parse(pending);
                    if (response != null) {
                        return response;
                    }
                }
                if (!fill()) {
                    return null;
                }
            }
        } catch (HttpException malformed) {
            throw new IOException("malformed response: " + malformed.getMessage(), malformed);
        }
    }

    /** The next body bytes (what the parser left over first, then the socket); null at end of stream. */
    ByteBuffer readBody() throws IOException {
        if (!pending.hasRemaining() && !fill()) {
            return null;
        }
        ByteBuffer body = pending;
        pending = ByteBuffer.allocate(0);
        return body;
    }

    /** Bytes that arrived behind the response head (e.g. WebSocket frames right after the 101). */
    ByteBuffer leftover() {
        ByteBuffer rest = ByteBuffer.allocate(pending.remaining()).put(pending).flip();
        pending = ByteBuffer.allocate(0);
        return rest;
    }

    private boolean fill() throws IOException {
        int count = in.read(readBuffer);
        if (count < 0) {
            return false;
        }
        stats.bytesDown(count);
        pending = ByteBuffer.wrap(readBuffer, 0, count);
        return true;
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort.
        }
    }
}
