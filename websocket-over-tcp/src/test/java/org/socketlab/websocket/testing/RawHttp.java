package org.socketlab.websocket.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpLimits;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.http.HttpResponseParser;

/**
 * One plain HTTP/1.1 exchange on loopback, typed by hand: write the request, read until one
 * whole response has arrived (or the server closes), parse.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** {@code METHOD target} with {@code extraHeaders} (each ending in CRLF) and a body. */
    public static HttpResponse send(int port, String method, String target, String extraHeaders, String body)
            throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + extraHeaders
                + (content.length > 0 || method.equals("POST") ? "Content-Length: " + content.length + "\r\n" : "")
                + "\r\n";
        byte[] request = concat(head.getBytes(StandardCharsets.ISO_8859_1), content);
        return exchange(port, request);
    }

    public static HttpResponse exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return readResponse(socket.getInputStream());
        } catch (HttpException malformed) {
            throw new AssertionError("malformed HTTP response: " + malformed.getMessage(), malformed);
        }
    }

    /**
     * Reads until one whole response has arrived — a front-door route keeps the connection open
     * (RFC 9112 §9.3), a closing server ends it — and parses it.
     */
    private static HttpResponse readResponse(InputStream in) throws IOException, HttpException {
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (true) {
            int count = in.read(chunk);
            if (count < 0) {
                break;
            }
            received.write(chunk, 0, count);
            HttpResponse response = new HttpResponseParser(HttpLimits.defaults()).parse(ByteBuffer.wrap(received.toByteArray()));
            if (response != null) {
                return response;
            }
        }
        byte[] all = received.toByteArray();
        HttpResponse response = new HttpResponseParser(HttpLimits.defaults()).parse(ByteBuffer.wrap(all));
        if (response == null) {
            throw new AssertionError("incomplete HTTP response: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        return response;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
