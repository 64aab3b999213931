package org.socketlab.websocket.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.protocol.WebSocketProtocol;

/**
 * The {@link Session} the application holds: one connection's protocol object, the lock that
 * guards it and the outbound queue its bytes go to. Whatever transport reads the socket
 * (blocking or event loop), sends, pings and closes from any thread come through here; the
 * transport only learns of them through {@link Transport}. See the package documentation for
 * the concurrency contract.
 */
public final class WebSocketSession implements Session {

    private static final AtomicLong IDS = new AtomicLong();

    private final String id = "ws-" + IDS.incrementAndGet();
    private final InetSocketAddress remoteAddress;
    private final String path;
    private final Optional<String> subprotocol;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final CompletableFuture<CloseStatus> closeFuture = new CompletableFuture<>();
    private final WebSocketProtocol protocol;
    private final ReentrantLock protocolLock = new ReentrantLock();
    private final OutboundQueue outbound;
    private Transport transport;
    private Sender sender;

    WebSocketSession(InetSocketAddress remoteAddress, String path, Optional<String> subprotocol,
                     WebSocketProtocol protocol, long maxBufferedBytes) {
        this.remoteAddress = remoteAddress;
        this.path = path;
        this.subprotocol = subprotocol;
        this.protocol = protocol;
        this.outbound = new OutboundQueue(maxBufferedBytes);
    }

    /** Joins the session to its transport; once, by the transport's constructor, before anyone sends. */
    void attach(Transport carrier, ConnectionSettings settings) {
        this.transport = carrier;
        this.sender = new Sender(this, settings.sendTimeout(), carrier);
    }

    WebSocketProtocol protocol() {
        return protocol;
    }

    ReentrantLock protocolLock() {
        return protocolLock;
    }

    OutboundQueue outbound() {
        return outbound;
    }

    Sender sender() {
        return sender;
    }

    /** Called once by the dispatcher when the Closed event (or a synthetic 1006) is delivered. */
    void finish(CloseStatus status) {
        closeFuture.complete(status);
    }

    /** A handler callback threw: RFC 6455 §7.4.1 1011, the server hit a condition it cannot handle. */
    void closeAfterHandlerFailure() {
        protocolLock.lock();
        try {
            if (protocol.isOpen()) {
                protocol.close(CloseCode.INTERNAL_ERROR, "handler failed", System.nanoTime());
                outbound.append(protocol.pollOutgoing(), null);
                transport.afterCommand();
            }
        } finally {
            protocolLock.unlock();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<String> subprotocol() {
        return subprotocol;
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public void sendText(String text) {
        sender.send(p -> p.sendText(text), null);
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        ByteBuffer copy = data.duplicate();
        sender.send(p -> p.sendBinary(copy), null);
    }

    @Override
    public CompletableFuture<Void> sendTextAsync(String text) {
        return sender.sendAsync(p -> p.sendText(text));
    }

    @Override
    public CompletableFuture<Void> sendBinaryAsync(ByteBuffer data) {
        ByteBuffer copy = data.duplicate();
        return sender.sendAsync(p -> p.sendBinary(copy));
    }

    @Override
    public void sendFragment(Opcode opcode, ByteBuffer data, boolean fin) {
        ByteBuffer copy = data.duplicate();
        sender.send(p -> p.sendFragment(opcode, copy, fin), null);
    }

    @Override
    public void ping(ByteBuffer payload) {
        ByteBuffer copy = payload.duplicate();
        sender.withProtocol(p -> p.sendPing(copy), null);
    }

    @Override
    public void close(int code, String reason) {
        protocolLock.lock();
        try {
            if (!protocol.isOpen()) {
                return;
            }
            protocol.close(CloseCode.of(code), reason == null ? "" : reason, System.nanoTime());
            outbound.append(protocol.pollOutgoing(), null);
            transport.afterCommand(); // the close timeout (RFC 6455 §7.1.1) runs from now
        } finally {
            protocolLock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        protocolLock.lock();
        try {
            return protocol.isOpen();
        } finally {
            protocolLock.unlock();
        }
    }

    @Override
    public long bufferedAmount() {
        return outbound.bufferedBytes();
    }

    @Override
    public CompletableFuture<CloseStatus> closeFuture() {
        return closeFuture;
    }

    @Override
    public String toString() {
        return id + "[" + remoteAddress + " " + path + "]";
    }
}
