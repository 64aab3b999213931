package org.socketlab.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshake;

/**
 * Java-WebSocket 1.6.0 as the peer of the interop tests, one client and one echo server, each
 * speaking the {@link Draft} the test gives it (subprotocols, permessage-deflate).
 */
final class JavaWebSocketPeers {

    static final long WAIT_MS = 10_000;

    private JavaWebSocketPeers() {
    }

    /** Records what the Java-WebSocket client receives; an error fails the next {@link #next()}. */
    static final class RecordingClient extends org.java_websocket.client.WebSocketClient {
        final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CountDownLatch pong = new CountDownLatch(1);
        final CompletableFuture<String> closed = new CompletableFuture<>();

        RecordingClient(URI uri, Draft draft) {
            super(uri, draft);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String message) {
            messages.add(message);
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            messages.add(copy);
        }

        @Override
        public void onWebsocketPong(WebSocket conn, Framedata frame) {
            pong.countDown();
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closed.complete(code + " " + reason);
        }

        @Override
        public void onError(Exception ex) {
            messages.add(ex);
            closed.completeExceptionally(ex);
        }

        Object next() throws InterruptedException {
            Object message = messages.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within %d ms", WAIT_MS).isNotNull().isNotInstanceOf(Exception.class);
            return message;
        }
    }

    /**
     * Echo server; "close:CODE:REASON" closes with that code. Records each connection's close
     * and the extension its handshake agreed.
     */
    static final class EchoServer extends org.java_websocket.server.WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        final LinkedBlockingQueue<String> closes = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<String> extensions = new LinkedBlockingQueue<>();

        EchoServer(Draft draft) {
            super(new InetSocketAddress("127.0.0.1", 0), List.of(draft));
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            extensions.add(((Draft_6455) conn.getDraft()).getExtension().getClass().getSimpleName());
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            closes.add(code + " " + reason);
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            if (message.startsWith("close:")) {
                String[] parts = message.split(":", 3);
                conn.close(Integer.parseInt(parts[1]), parts[2]);
            } else {
                conn.send(message);
            }
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
