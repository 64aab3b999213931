package org.socketlab.bench.load;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** The Java-WebSocket peer: its selector thread plus its default decoder threads, echoing. */
final class JavaWebSocketEchoServer implements EchoServerProcess.Server {

    private final Impl server;

    JavaWebSocketEchoServer(String host, int port) throws InterruptedException {
        server = new Impl(new InetSocketAddress(host, port));
        server.setReuseAddr(true);
        server.setConnectionLostTimeout(0); // no pings: every server in the run echoes only
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Java-WebSocket server did not start within 10 s");
        }
    }

    @Override
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(1000);
    }

    private static final class Impl extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);

        Impl(InetSocketAddress address) {
            super(address);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            conn.send(message);
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            conn.send(message);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
