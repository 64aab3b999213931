package org.socketlab.labs.socketio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * SockJS by hand for lab 13: raw HTTP/1.1 requests on a socket and the bytes that come back,
 * printed as they travel (chunk framing included), so each transport's framing shows: {@code o}
 * and {@code a[...]} with a newline (xhr), {@code data: ...} (eventsource), a {@code <script>}
 * per frame (htmlfile), a callback call (jsonp). One request per connection; not thread-safe.
 */
public final class SockJsWire implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final Consumer<String> tap;

    private SockJsWire(int port, Consumer<String> tap) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.socket.setSoTimeout(5000);
        this.in = socket.getInputStream();
        this.tap = tap;
    }

    /** Sends {@code method target} (a body when not null) and prints the request line. */
    public static SockJsWire send(int port, String method, String target, String contentType, String body,
                                  Consumer<String> tap) throws IOException {
        SockJsWire wire = new SockJsWire(port, tap);
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (body != null) {
            request.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(content.length)
                    .append("\r\n");
        }
        wire.socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        wire.socket.getOutputStream().write(content);
        tap.accept("  -> " + method + " " + target + (body == null || body.isEmpty() ? "" : "  body " + body));
        return wire;
    }

    /** The status line and headers (printed: status line only). */
    public String head() throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line = line(); !line.isEmpty(); line = line()) {
            head.append(line).append("\r\n");
        }
        tap.accept("  <- " + head.substring(0, head.indexOf("\r\n")));
        return head.toString();
    }

    /** The body of a Content-Length response (printed escaped). */
    public String body(String head) throws IOException {
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        tap.accept("     body " + visible(body));
        return body;
    }

    /** One chunk of a chunked response (printed with its size line), "" for the last one. */
    public String chunk() throws IOException {
        String sizeLine = line();
        int size = Integer.parseInt(sizeLine.trim(), 16);
        String data = new String(in.readNBytes(size), StandardCharsets.UTF_8);
        line();
        tap.accept("     chunk " + sizeLine + " (" + size + " bytes): " + visible(data));
        return data;
    }

    /** Control characters made visible; long runs of one character shortened ({@code h×2048}). */
    public static String visible(String text) {
        String shown = text.replace("\r", "\\r").replace("\n", "\\n");
        java.util.regex.Matcher run = java.util.regex.Pattern.compile("(.)\\1{15,}").matcher(shown);
        StringBuilder out = new StringBuilder();
        while (run.find()) {
            run.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(run.group(1) + "×" + run.group().length()));
        }
        run.appendTail(out);
        return out.length() > 160 ? out.substring(0, 160) + "…" : out.toString();
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection mid-line");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
