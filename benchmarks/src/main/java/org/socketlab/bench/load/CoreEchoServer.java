package org.socketlab.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadFactory;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.handshake.ServerHandshake;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpRequestParser;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.protocol.ProtocolEvent;
import org.socketlab.websocket.protocol.WebSocketProtocol;

/**
 * The smallest blocking echo server over our sans-I/O core: one thread per connection running
 * read → {@code protocol.receive} → reply → write. The same code runs on virtual or on platform
 * threads, so the memory probe can compare the two thread kinds and nothing else. An idle
 * connection holds a socket, a 4 KiB read buffer, the protocol object and a parked thread.
 */
final class CoreEchoServer implements EchoServerProcess.Server {

    static final int READ_BUFFER_BYTES = 4096;

    private final ServerSocket serverSocket;
    private final ThreadFactory threads;
    private final Thread acceptor;

    CoreEchoServer(String host, int port, boolean virtualThreads) throws IOException {
        serverSocket = new ServerSocket(port, 4096, InetAddress.getByName(host));
        threads = virtualThreads ? Thread.ofVirtual().name("core-", 0).factory()
                : Thread.ofPlatform().name("core-", 0).stackSize(256 * 1024).factory();
        acceptor = Thread.ofPlatform().name("core-acceptor").daemon().start(this::acceptLoop);
    }

    @Override
    public int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                threads.newThread(() -> serve(socket)).start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            byte[] buffer = new byte[READ_BUFFER_BYTES];
            ByteBuffer leftover = handshake(buffer, in, out);
            if (leftover == null) {
                return;
            }
            WebSocketProtocol protocol = new WebSocketProtocol(Role.SERVER, ProtocolConfig.defaults()
                    .withMaxMessageSize(16 << 20).withMaxFramePayload(16 << 20), null, System.nanoTime());
            protocol.receive(leftover, System.nanoTime());
            while (!reply(protocol, out)) {
                int n = in.read(buffer);
                if (n < 0) {
                    protocol.receiveEof(System.nanoTime());
                } else {
                    protocol.receive(ByteBuffer.wrap(buffer, 0, n), System.nanoTime());
                }
            }
        } catch (IOException | HttpException e) {
            // the peer went away or sent a bad upgrade: nothing to echo
        }
    }

    /** Reads the upgrade request, writes the 101; returns the bytes after the request, or null. */
    private static ByteBuffer handshake(byte[] buffer, InputStream in, OutputStream out)
            throws IOException, HttpException {
        HttpRequestParser parser = new HttpRequestParser();
        ByteBuffer pending = ByteBuffer.allocate(0);
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                return null;
            }
            ByteBuffer input = ByteBuffer.allocate(pending.remaining() + n).put(pending).put(buffer, 0, n).flip();
            HttpRequest request = parser.parse(input);
            if (request != null) {
                out.write(new ServerHandshake(HandshakePolicy.defaults()).accept(request).response().toBytes());
                return input;
            }
            pending = input;
        }
    }

    /** Echoes messages, writes what the protocol produced; true when the transport must close. */
    private static boolean reply(WebSocketProtocol protocol, OutputStream out) throws IOException {
        for (ProtocolEvent event : protocol.pollEvents()) {
            if (!protocol.isOpen()) {
                break; // a close arrived in the same read: the protocol answers it, we stop echoing
            }
            if (event instanceof ProtocolEvent.BinaryMessage binary) {
                protocol.sendBinary(binary.data());
            } else if (event instanceof ProtocolEvent.TextMessage text) {
                protocol.sendText(text.text());
            }
        }
        for (ByteBuffer chunk : protocol.pollOutgoing()) {
            if (chunk.hasArray()) {
                out.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
            } else {
                byte[] copy = new byte[chunk.remaining()];
                chunk.get(copy);
                out.write(copy);
            }
        }
        out.flush();
        return protocol.shouldCloseTransport();
    }
}
