package org.socketlab.websocket.realtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.http.HttpResponseParser;

/** A raw socket for tests: type requests, read responses or stream text, every read bounded by 5 s. */
final class HttpProbe implements AutoCloseable {

    private final Socket socket = new Socket();
    private final InputStream in;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private long bytesSent;

    HttpProbe(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
    }

    HttpProbe send(String request) throws IOException {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        bytesSent += bytes.length;
        return this;
    }

    HttpProbe get(String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: test\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return send(request.append("\r\n").toString());
    }

    HttpResponse readResponse() throws IOException, HttpException {
        HttpResponseParser parser = new HttpResponseParser();
        while (true) {
            if (pending.hasRemaining()) {
                HttpResponse response = parser.parse(pending);
                if (response != null) {
                    return response;
                }
            }
            if (!fill()) {
                throw new IOException("connection closed before a complete response; got: " + text());
            }
        }
    }

    /** Reads until everything received so far contains {@code marker}; returns all of it. */
    String readUntil(String marker) throws IOException {
        while (!text().contains(marker)) {
            pending = ByteBuffer.allocate(0);
            if (!fill()) {
                throw new IOException("connection closed before \"" + marker + "\" arrived; got: " + text());
            }
        }
        return text();
    }

    /** True when the server closes the connection within 5 s (read returns end of stream). */
    boolean closedByServer() throws IOException {
        try {
            while (fill()) {
                pending = ByteBuffer.allocate(0);
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private boolean fill() throws IOException {
        byte[] buffer = new byte[8192];
        int count = in.read(buffer);
        if (count < 0) {
            return false;
        }
        received.write(buffer, 0, count);
        pending = ByteBuffer.wrap(buffer, 0, count);
        return true;
    }

    String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    long bytesReceived() {
        return received.size();
    }

    long bytesSent() {
        return bytesSent;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
