package org.socketlab.websocket.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A deliberately dumb WebSocket client for conformance tests: it writes exactly the bytes a
 * test asks for (valid or not) and reads frames with its own tiny parser, independent of the
 * code under test. Every read has a timeout.
 */
public final class RawWebSocket implements AutoCloseable {

    /** The sample key of RFC 6455 §1.3; its accept value is s3pPLMBiTxaQ9kYGzzhZRbK+xOo=. */
    public static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String responseHead;
    private boolean masking = true;

    private RawWebSocket(Socket socket, String responseHead) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.responseHead = responseHead;
    }

    /** Opens a connection and completes a valid upgrade to {@code path}; fails unless 101. */
    public static RawWebSocket connect(int port, String path) throws IOException {
        RawWebSocket ws = exchange(port, upgradeRequest(port, path, ""));
        if (!ws.responseHead.startsWith("HTTP/1.1 101")) {
            ws.close();
            throw new AssertionError("expected 101 Switching Protocols, got:\n" + ws.responseHead);
        }
        return ws;
    }

    /** A valid upgrade request; {@code extraHeaders} are CRLF-terminated lines. */
    public static String upgradeRequest(int port, String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + SAMPLE_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extraHeaders
                + "\r\n";
    }

    /** Sends any request text and reads the response head (up to the blank line). */
    public static RawWebSocket exchange(int port, String request) throws IOException {
        return readResponse(send(port, request));
    }

    /**
     * Connects and sends any request text without reading the answer: for tests that look at
     * the socket before the response; {@link #readResponse} continues.
     */
    public static Socket send(int port, String request) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    /** Reads the response head (up to the blank line) of a request {@link #send} sent. */
    public static RawWebSocket readResponse(Socket socket) throws IOException {
        return new RawWebSocket(socket, readHead(socket));
    }

    private static String readHead(Socket socket) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * The server side of a raw connection, for client tests: reads the upgrade request, answers
     * 101 with the right accept key (plus {@code extraHeaders}), and from then on sends unmasked
     * frames as a server must. {@link #responseHead()} returns the client's request.
     */
    public static RawWebSocket serverSide(Socket accepted, String extraHeaders) throws IOException {
        return serverSide(accepted, request -> extraHeaders);
    }

    /** Likewise, with the extra headers chosen after reading the client's request (e.g. its offers). */
    public static RawWebSocket serverSide(Socket accepted, java.util.function.UnaryOperator<String> extraHeadersForRequest)
            throws IOException {
        accepted.setSoTimeout(5_000);
        String request = readHead(accepted);
        String extraHeaders = extraHeadersForRequest.apply(request);
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)").matcher(request);
        if (!key.find()) {
            throw new AssertionError("no Sec-WebSocket-Key in the client's request:\n" + request);
        }
        String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key.group(1)) + "\r\n" + extraHeaders + "\r\n";
        accepted.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
        RawWebSocket ws = new RawWebSocket(accepted, request);
        ws.masking = false;
        return ws;
    }

    /** base64(SHA-1(key + GUID)), RFC 6455 §4.2.2 — computed here independently of the code under test. */
    public static String accept(String key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return java.util.Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String responseHead() {
        return responseHead;
    }

    public int status() {
        String[] parts = responseHead.split(" ", 3);
        return parts.length < 2 ? -1 : Integer.parseInt(parts[1]);
    }

    public Socket socket() {
        return socket;
    }

    /** Sends one frame, masked on the client side (RFC 6455 §5.3), unmasked on the server side. */
    public void sendFrame(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        out.write(frame(fin, rsv, opcode, payload, masking));
        out.flush();
    }

    public void sendFrame(int opcode, byte[] payload) throws IOException {
        sendFrame(true, 0, opcode, payload);
    }

    public void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    public void sendClose(int code, String reason) throws IOException {
        sendFrame(0x8, closePayload(code, reason));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    /** Encodes a frame by the book (RFC 6455 §5.2), masked with a fixed key when asked. */
    public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            bytes.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            bytes.write(maskBit | 126);
            bytes.write(payload.length >>> 8);
            bytes.write(payload.length & 0xFF);
        } else {
            bytes.write(maskBit | 127);
            bytes.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        if (masked) {
            bytes.writeBytes(MASK);
        }
        for (int i = 0; i < payload.length; i++) {
            bytes.write(masked ? payload[i] ^ MASK[i % 4] : payload[i]);
        }
        return bytes.toByteArray();
    }

    /** One frame as received: server frames are never masked (RFC 6455 §5.1). */
    public record RawFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) {
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }

        public String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "frame[fin=" + fin + " rsv=" + rsv + " opcode=0x" + Integer.toHexString(opcode)
                    + " length=" + payload.length + (opcode == 8 ? " code=" + closeCode() : "") + "]";
        }
    }

    public RawFrame readFrame() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        boolean masked = (b1 & 0x80) != 0;
        byte[] mask = new byte[4];
        if (masked) {
            in.readFully(mask);
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new RawFrame((b0 & 0x80) != 0, (b0 >> 4) & 0x7, b0 & 0x0F, masked, payload);
    }

    /** Reads a whole message (joins continuation frames), skipping nothing. */
    public RawFrame readMessage() throws IOException {
        RawFrame first = readFrame();
        if (first.fin() || first.opcode() >= 0x8) {
            return first;
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.writeBytes(first.payload());
        RawFrame next;
        do {
            next = readFrame();
            joined.writeBytes(next.payload());
        } while (!next.fin());
        return new RawFrame(true, first.rsv(), first.opcode(), false, joined.toByteArray());
    }

    /**
     * Reads frames until a close frame, skipping data and pongs; then asserts the server
     * closes TCP (RFC 6455 §7.1.1: the server closes first). Returns the close frame.
     */
    public RawFrame expectCloseAndTcpClose() throws IOException {
        RawFrame frame;
        try {
            do {
                frame = readFrame();
            } while (frame.opcode() != 0x8);
        } catch (EOFException e) {
            throw new AssertionError("the server closed TCP without sending a close frame", e);
        }
        try {
            // Answer like a well-behaved client (and like Autobahn): echo the status code.
            sendFrame(0x8, frame.payload().length >= 2 ? closePayload(frame.closeCode(), "") : new byte[0]);
        } catch (IOException alreadyClosed) {
            // The server may close TCP right after its close frame (RFC 6455 §7.1.7).
        }
        expectTcpClose();
        return frame;
    }

    /** Asserts that the next read sees end-of-stream within the socket timeout. */
    public void expectTcpClose() throws IOException {
        try {
            int b = in.read();
            if (b != -1) {
                throw new AssertionError("expected the server to close TCP, but it sent byte 0x" + Integer.toHexString(b));
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("expected the server to close TCP within " + socket.getSoTimeout() + " ms", e);
        } catch (java.net.SocketException reset) {
            // A reset also ends the connection; fine for this assertion.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
