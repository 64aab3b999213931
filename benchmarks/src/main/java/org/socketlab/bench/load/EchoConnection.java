package org.socketlab.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import org.socketlab.websocket.frame.DecodedFrame;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.FrameEncoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.handshake.ClientHandshake;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.http.HttpResponseParser;

/**
 * One load-generator connection: a blocking socket, our client handshake and codec, and a
 * round trip that sends one masked binary message and waits for its echo. The same client code
 * drives every server, so differences between runs are the servers'. Not thread-safe: one
 * (virtual) thread owns it.
 */
final class EchoConnection implements AutoCloseable {

    private static final MaskKeySource KEYS = MaskKeySource.secureRandom();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameEncoder encoder = new FrameEncoder(Role.CLIENT, KEYS);
    private final FrameDecoder decoder = new FrameDecoder(Role.CLIENT, 16 << 20, 0);
    private final DecodedFrame echoed = new DecodedFrame();
    private ByteBuffer readBuffer;
    private ByteBuffer writeBuffer;

    private EchoConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.readBuffer = ByteBuffer.allocate(1024).flip();
    }

    /** Connects and completes the opening handshake (RFC 6455 §4.1) within {@code timeoutMillis}. */
    static EchoConnection open(InetSocketAddress address, String path, int timeoutMillis)
            throws IOException, HttpException {
        Socket socket = new Socket();
        try {
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            EchoConnection connection = new EchoConnection(socket);
            connection.handshake(address.getHostString() + ":" + address.getPort(), path);
            return connection;
        } catch (IOException | HttpException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void handshake(String host, String path) throws IOException, HttpException {
        ClientHandshake handshake = ClientHandshake.builder().hostHeader(host).target(path).build();
        out.write(handshake.requestBytes());
        out.flush();
        HttpResponseParser parser = new HttpResponseParser();
        HttpResponse response;
        while ((response = parser.parse(readBuffer)) == null) {
            fill();
        }
        handshake.validate(response);
    }

    /** Sends {@code message} as one binary frame and blocks until the echo arrives; returns nanos. */
    long roundTrip(Frame message) throws IOException, WebSocketProtocolException {
        int needed = encoder.encodedLength(message);
        if (writeBuffer == null || writeBuffer.capacity() < needed) {
            writeBuffer = ByteBuffer.allocate(needed);
            readBuffer = ByteBuffer.allocate(Math.max(readBuffer.capacity(), needed)).put(readBuffer).flip();
        }
        writeBuffer.clear();
        encoder.encode(message, writeBuffer);
        long start = System.nanoTime();
        out.write(writeBuffer.array(), 0, writeBuffer.position());
        out.flush();
        while (true) {
            if (decoder.decode(readBuffer, echoed)) {
                if (echoed.opcode() == Opcode.BINARY) {
                    long elapsed = System.nanoTime() - start;
                    if (echoed.payloadLength() != message.payloadLength()) {
                        throw new IOException("echo carried " + echoed.payloadLength() + " bytes; sent "
                                + message.payloadLength());
                    }
                    return elapsed;
                }
                if (echoed.opcode() == Opcode.CLOSE) {
                    throw new EOFException("the server closed the connection during the run");
                }
                continue; // a ping or pong: not an echo
            }
            fill();
        }
    }

    /** Reads more bytes after the unread ones (readBuffer is kept in read mode). */
    private void fill() throws IOException {
        readBuffer.compact();
        if (!readBuffer.hasRemaining()) {
            readBuffer = ByteBuffer.allocate(readBuffer.capacity() * 2).put(readBuffer.flip());
        }
        int n = in.read(readBuffer.array(), readBuffer.position(), readBuffer.remaining());
        if (n < 0) {
            throw new EOFException("the server closed the connection");
        }
        readBuffer.position(readBuffer.position() + n).flip();
    }

    /** Buffer and decoder state, for diagnosing a stalled connection. */
    String debugState() {
        return "readBuffer " + readBuffer + " decoder at frame boundary: " + decoder.isAtFrameBoundary();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
