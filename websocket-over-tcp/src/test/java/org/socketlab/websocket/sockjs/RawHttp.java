package org.socketlab.websocket.sockjs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP/1.x client for protocol tests, like the SockJS suite's own: writes one request,
 * reads the head, then the body by Content-Length, one chunk at a time, or up to the close.
 */
final class RawHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    int status;
    final Map<String, String> headers = new LinkedHashMap<>();

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends a request and reads the response head. */
    RawHttp request(String method, String target, String version, String body, String... headerLines)
            throws IOException {
        send(method, target, version, body, headerLines);
        readHead();
        return this;
    }

    /** Sends a request without waiting for the answer (a held poll). */
    RawHttp send(String method, String target, String version, String body, String... headerLines)
            throws IOException {
        StringBuilder request = new StringBuilder(method + " " + target + " " + version + "\r\nHost: 127.0.0.1\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        if (body.length() > 0 || method.equals("POST")) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.flush();
        return this;
    }

    /** Reads the response head of a request sent with {@link #send}. */
    RawHttp readResponse() throws IOException {
        readHead();
        return this;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The whole body of a Content-Length (or chunked, or close-delimited) response. */
    String body() throws IOException {
        String length = header("Content-Length");
        if (length != null) {
            return new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
        }
        if ("chunked".equals(header("Transfer-Encoding"))) {
            StringBuilder all = new StringBuilder();
            for (String chunk = readChunk(); !chunk.isEmpty(); chunk = readChunk()) {
                all.append(chunk);
            }
            return all.toString();
        }
        if (status == 204 || status == 304) {
            return "";
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The next chunk's data; "" for the last chunk. */
    String readChunk() throws IOException {
        String sizeLine = line();
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        byte[] data = in.readNBytes(size);
        line();
        if (size == 0) {
            return "";
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Exactly {@code count} bytes of a body that is not chunked. */
    String read(int count) throws IOException {
        return new String(in.readNBytes(count), StandardCharsets.UTF_8);
    }

    /** True when the server closed the connection (end of stream within the timeout). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private void readHead() throws IOException {
        headers.clear();
        String statusLine = line();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed mid-line after " + bytes);
            }
            bytes.write(b);
        }
        String line = bytes.toString(StandardCharsets.ISO_8859_1);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
