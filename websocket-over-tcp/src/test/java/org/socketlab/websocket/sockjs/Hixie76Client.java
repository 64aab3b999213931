package org.socketlab.websocket.sockjs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A hixie-76 client over a raw socket, as the SockJS suite's Python {@code websocket} module is:
 * head with the suite's keys, key3 (at once or later), then sentinel frames. Reads time out after 10 s.
 */
final class Hixie76Client implements AutoCloseable {

    final Socket socket;
    final InputStream in;
    final OutputStream out;
    int status;
    final Map<String, String> headers = new LinkedHashMap<>();

    private Hixie76Client(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Head and key3 in one write, then the head and the 16-byte answer read. */
    static Hixie76Client connect(int port, String path) throws IOException {
        return connect(port, path, "http://127.0.0.1:" + port);
    }

    static Hixie76Client connect(int port, String path, String origin) throws IOException {
        Hixie76Client client = sendHead(port, path, origin);
        client.out.write(Hixie76HandshakeTest.KEY3);
        client.out.flush();
        client.readHead();
        if (client.status == 101) {
            byte[] answer = client.in.readNBytes(16);
            if (!java.util.Arrays.equals(answer, Hixie76HandshakeTest.ANSWER)) {
                throw new IOException("wrong challenge answer: " + java.util.HexFormat.of().formatHex(answer));
            }
        }
        return client;
    }

    /** Only the head (no key3): the server must answer its head first (HAProxy, test_haproxy). */
    static Hixie76Client sendHead(int port, String path) throws IOException {
        return sendHead(port, path, "http://127.0.0.1:" + port);
    }

    static Hixie76Client sendHead(int port, String path, String origin) throws IOException {
        Hixie76Client client = new Hixie76Client(port);
        String head = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: Upgrade\r\n"
                + "Upgrade: WebSocket\r\nOrigin: " + origin + "\r\nSec-WebSocket-Key1: " + Hixie76HandshakeTest.KEY1
                + "\r\nSec-WebSocket-Key2: " + Hixie76HandshakeTest.KEY2 + "\r\n\r\n";
        client.out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        client.out.flush();
        return client;
    }

    void readHead() throws IOException {
        String statusLine = line();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    void send(String text) throws IOException {
        out.write(Hixie76Codec.encodeText(text));
        out.flush();
    }

    /** The next text frame; null for the closing handshake or the end of the connection. */
    String recv() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        if (type == 0xFF) {
            in.read(); // 0x00
            return null;
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int b = in.read(); b != 0xFF; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection ended inside a frame");
            }
            text.write(b);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /** Whether the server has closed: end of stream (after any closing handshake) within the read timeout. */
    boolean closedByServer() throws IOException {
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b != 0xFF && b != 0x00) {
                    return false;
                }
            }
            return true;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection ended inside the head: " + line);
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
