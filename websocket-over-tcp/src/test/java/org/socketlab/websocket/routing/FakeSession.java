package org.socketlab.websocket.routing;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;

/** A session without a socket: records what is sent to it, so pure tests can check it. */
final class FakeSession implements Session {

    final List<Object> sent = new CopyOnWriteArrayList<>();
    /** With {@link #holdWrites}, the futures of async sends stay pending, as for a peer that reads nothing. */
    final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
    volatile boolean holdWrites;
    volatile boolean open = true;
    volatile Integer closedWith;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 5555);
    }

    @Override
    public String path() {
        return "/";
    }

    @Override
    public Optional<String> subprotocol() {
        return Optional.empty();
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public void sendText(String text) {
        requireOpen();
        sent.add(text);
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        requireOpen();
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        sent.add(copy);
    }

    @Override
    public CompletableFuture<Void> sendTextAsync(String text) {
        sendText(text);
        return written();
    }

    private CompletableFuture<Void> written() {
        if (!holdWrites) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> pending = new CompletableFuture<>();
        held.add(pending);
        return pending;
    }

    @Override
    public CompletableFuture<Void> sendBinaryAsync(ByteBuffer data) {
        sendBinary(data);
        return written();
    }

    @Override
    public void ping(ByteBuffer payload) {
    }

    @Override
    public void close(int code, String reason) {
        if (open) {
            open = false;
            closedWith = code;
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public long bufferedAmount() {
        return 0;
    }

    @Override
    public CompletableFuture<CloseStatus> closeFuture() {
        return new CompletableFuture<>();
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("session is CLOSING");
        }
    }
}
