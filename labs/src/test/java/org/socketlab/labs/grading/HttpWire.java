package org.socketlab.labs.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.http.HttpResponseParser;

/** A raw HTTP/1.1 connection for the lab 06/07 graders; every read waits at most 5 s. */
final class HttpWire implements AutoCloseable {

    private final Socket socket = new Socket();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private long sent;

    HttpWire(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
    }

    HttpWire send(String request) throws IOException {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        socket.getOutputStream().write(bytes);
        sent += bytes.length;
        return this;
    }

    HttpWire get(String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: grader\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return send(request.append("\r\n").toString());
    }

    HttpResponse response() throws IOException, HttpException {
        HttpResponseParser parser = new HttpResponseParser();
        while (true) {
            if (pending.hasRemaining()) {
                HttpResponse response = parser.parse(pending);
                if (response != null) {
                    return response;
                }
            }
            if (!fill()) {
                throw new IOException("the server closed the connection before a complete response");
            }
        }
    }

    /** Everything received until it contains {@code marker}. */
    String readUntil(String marker) throws IOException {
        while (!text().contains(marker)) {
            if (!fill()) {
                throw new IOException("the connection closed before \"" + marker + "\"; received: " + text());
            }
            pending = ByteBuffer.allocate(0);
        }
        return text();
    }

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
        int count = socket.getInputStream().read(buffer);
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

    long bytesSent() {
        return sent;
    }

    long bytesReceived() {
        return received.size();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
