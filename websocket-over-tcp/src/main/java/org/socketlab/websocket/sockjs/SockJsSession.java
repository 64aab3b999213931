package org.socketlab.websocket.sockjs;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;

/**
 * A SockJS session as the application's {@link WebSocketHandler} sees it: the same
 * {@link Session} a native WebSocket gives, so one handler serves both. What the two SockJS
 * carriers share lives here — ids, attributes, the callbacks (one at a time, as the API
 * promises, although messages of the HTTP transports arrive on many request threads), the
 * close notification (exactly once).
 *
 * <p>SockJS carries text only and has no ping: {@link #sendBinary} throws
 * {@link UnsupportedOperationException}, {@link #ping} does nothing (the server's {@code h}
 * heartbeats keep proxies from timing the connection out).
 */
abstract sealed class SockJsSession implements Session permits HttpSession, WebSocketSession {

    private static final Logger LOG = System.getLogger(SockJsSession.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = "sockjs-" + IDS.incrementAndGet();
    private final InetSocketAddress remoteAddress;
    private final String path;
    private final WebSocketHandler handler;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final ReentrantLock callbacks = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<CloseStatus> closeFuture = new CompletableFuture<>();

    SockJsSession(InetSocketAddress remoteAddress, String path, WebSocketHandler handler) {
        this.remoteAddress = remoteAddress;
        this.path = path;
        this.handler = handler;
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
        return Optional.empty();
    }

    @Override
    public Map<String, Object> attributes() {
        return attributes;
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        throw new UnsupportedOperationException("SockJS carries text messages only (SockJS 0.3.3: frames are JSON strings)");
    }

    @Override
    public CompletableFuture<Void> sendBinaryAsync(ByteBuffer data) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "SockJS carries text messages only (SockJS 0.3.3: frames are JSON strings)"));
    }

    @Override
    public CompletableFuture<Void> sendTextAsync(String text) {
        return sentAtOnce(() -> sendText(text));
    }

    /**
     * The asynchronous send of a session whose sends complete at once (SockJS frames are queued,
     * hixie-76 frames written, before {@code send} returns): a completed future, or a failed one
     * carrying what {@code send} threw.
     */
    static CompletableFuture<Void> sentAtOnce(Runnable send) {
        try {
            send.run();
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException failed) {
            return CompletableFuture.failedFuture(failed);
        }
    }

    @Override
    public void ping(ByteBuffer payload) {
        // SockJS has no ping; the server's heartbeat frames do that job.
    }

    @Override
    public CompletableFuture<CloseStatus> closeFuture() {
        return closeFuture;
    }

    /** {@code onOpen}, under the callback lock. */
    final void fireOpen() {
        callback(() -> handler.onOpen(this));
    }

    /** {@code onText} for each message in order, under the callback lock; nothing once closed. */
    final void deliver(List<String> messages) {
        callback(() -> {
            for (String message : messages) {
                if (closed.get()) {
                    return;
                }
                handler.onText(this, message);
            }
        });
    }

    /** {@code onClose} exactly once, then {@link #closeFuture()} completes. */
    final void fireClosed(int code, String reason, boolean clean, CloseStatus.Initiator initiator) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CloseStatus status = new CloseStatus(CloseCode.of(code), reason, clean, initiator);
        callbacks.lock();
        try {
            handler.onClose(this, status);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "onClose of " + id + " failed", e);
        } finally {
            callbacks.unlock();
            closeFuture.complete(status);
        }
    }

    final boolean isClosed() {
        return closed.get();
    }

    private void callback(Runnable call) {
        RuntimeException failure = null;
        callbacks.lock();
        try {
            call.run();
        } catch (RuntimeException e) {
            failure = e;
            LOG.log(Level.DEBUG, "handler failed in session " + id, e);
            try {
                handler.onError(this, e);
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "onError of " + id + " failed", again);
            }
        } finally {
            callbacks.unlock();
        }
        if (failure != null) {
            close(1011, "Internal error"); // as for a native WebSocket (RFC 6455 §7.4.1)
        }
    }
}
