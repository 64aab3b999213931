package org.socketlab.labs.grading;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.socketlab.labs.Lab08Handshake;

/**
 * The grader's own view of the wire for labs 08 and 10: a socket that types the upgrade by
 * hand and reads frames with a ten-line parser, so a student's bug cannot hide behind the same
 * bug in a shared helper.
 */
final class WsWire implements AutoCloseable {

    final Socket socket;
    final DataInputStream in;
    final OutputStream out;
    final String responseHead;

    private WsWire(Socket socket, String responseHead) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.responseHead = responseHead;
    }

    /** connect(), write the request, read the response head. */
    static WsWire exchange(int port, String request) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        return new WsWire(socket, Lab08Handshake.readHead(socket.getInputStream()));
    }

    static WsWire upgrade(int port, String path, String extraHeaders) throws IOException {
        return exchange(port, Lab08Handshake.request(port, path, extraHeaders));
    }

    int status() {
        String[] parts = responseHead.split(" ", 3);
        return parts.length < 2 ? -1 : Integer.parseInt(parts[1]);
    }

    /** One masked frame from the client side (RFC 6455 §5.3), payload ≤ 125 bytes. */
    void send(int opcode, byte[] payload) throws IOException {
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        out.write(frame);
        out.flush();
    }

    void sendClose(int code) throws IOException {
        send(0x8, ByteBuffer.allocate(2).putShort((short) code).array());
    }

    record Frame(int opcode, byte[] payload) {
        int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        }
    }

    Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int length = in.readUnsignedByte() & 0x7F;
        long longLength = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        byte[] payload = new byte[Math.toIntExact(longLength)];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, payload);
    }

    /** Reads frames until a close frame. */
    Frame readUntilClose() throws IOException {
        Frame frame;
        do {
            frame = read();
        } while (frame.opcode() != 0x8);
        return frame;
    }

    /** True when the server closed TCP (read returns -1) within the socket timeout. */
    boolean serverClosedTcp() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return e instanceof java.net.SocketException; // a reset also ends the connection
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
