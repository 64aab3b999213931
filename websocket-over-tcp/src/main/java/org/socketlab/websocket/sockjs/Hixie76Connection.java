package org.socketlab.websocket.sockjs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.server.HttpExchange.TakenConnection;

/**
 * A hixie-76 WebSocket on a connection taken over from the front door, run on the connection's
 * thread: head, then the client's eight key bytes within the handshake deadline, then the
 * 16-byte answer ({@link Hixie76Handshake}), then text frames ({@link Hixie76Codec}) to the
 * handler until either side sends {@code 0xFF 0x00}, the client goes or a limit is broken.
 * It is an {@link Session} so that the SockJS {@code websocket} transport serves it exactly as an
 * RFC 6455 WebSocket. Text only; no ping (hixie-76 has none: SockJS's {@code h} frames keep it alive).
 *
 * <p>Thread-safe: sends are serialized on a lock, from any thread; one thread reads.
 */
final class Hixie76Connection implements Session {

    private static final Logger LOG = System.getLogger(Hixie76Connection.class.getName());

    private final TakenConnection connection;
    private final Socket socket;
    private final String path;
    private final WebSocketHandler handler;
    private final String id = UUID.randomUUID().toString();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final CompletableFuture<CloseStatus> closeFuture = new CompletableFuture<>();
    private final Object writeLock = new Object();
    private final Hixie76Codec codec;
    private volatile boolean closing;
    private volatile CloseStatus localClose;

    Hixie76Connection(TakenConnection connection, String path, WebSocketHandler handler, Map<String, Object> attributes) {
        this.connection = connection;
        this.socket = connection.socket();
        this.path = path;
        this.handler = handler;
        this.attributes.putAll(attributes);
        this.codec = new Hixie76Codec(connection.protocol().maxMessageSize());
    }

    /**
     * Completes the handshake and runs the WebSocket until it ends; the caller's connection then
     * closes. A client that goes away during the handshake is never announced to the handler; once
     * {@code onOpen} ran, {@code onClose} follows whatever happens.
     */
    void run(Hixie76Handshake handshake) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(handshake.responseHead(connection.secure())); // before key3: HAProxy waits for it (test_haproxy)
            out.flush();
            byte[] key3 = Hixie76Key3.read(connection);
            if (key3 == null) {
                closeSocketQuietly(); // not complete within the handshake deadline: no onOpen
                return;
            }
            out.write(handshake.challengeAnswer(key3));
            out.flush();
        } catch (IOException gone) {
            LOG.log(Level.DEBUG, "{0}: hixie-76 handshake failed: {1}", remoteAddress(), gone.toString());
            closeSocketQuietly();
            return;
        }
        CloseStatus status = CloseStatus.abnormal("the hixie-76 connection failed", CloseStatus.Initiator.LOCAL);
        try {
            handler.onOpen(this);
            status = readFrames();
        } finally {
            finish(status);
        }
    }

    /** Reads until the connection ends; returns how it ended. */
    private CloseStatus readFrames() {
        ByteBuffer pending = connection.leftover(); // frames sent right behind key3
        byte[] buffer = new byte[8192];
        long frameStartedAt = 0;
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                for (Hixie76Codec.Frame frame : codec.decode(pending)) {
                    if (frame instanceof Hixie76Codec.Text text) {
                        deliver(text.text());
                    } else {
                        return peerClosed();
                    }
                }
                long now = System.nanoTime();
                frameStartedAt = !codec.inFrame() ? 0 : frameStartedAt != 0 ? frameStartedAt : now;
                socket.setSoTimeout(readTimeoutMillis(frameStartedAt, now));
                int count = in.read(buffer);
                if (count < 0) {
                    return localClose != null ? localClose : CloseStatus.abnormal("the client closed TCP without "
                            + "the closing handshake", CloseStatus.Initiator.REMOTE);
                }
                pending = ByteBuffer.wrap(buffer, 0, count);
            }
        } catch (WebSocketProtocolException broken) {
            LOG.log(Level.DEBUG, "{0}: {1}", remoteAddress(), broken.getMessage());
            close(broken.closeCode().code(), broken.getMessage());
            return localClose;
        } catch (SocketTimeoutException timedOut) {
            if (localClose == null) {
                // A frame left unfinished (a slow-loris sender) is a policy violation, as for RFC 6455
                // frames (ProtocolConfig.frameTimeout); otherwise the connection was idle too long.
                boolean slowFrame = codec.inFrame();
                close(slowFrame ? 1008 : 1001, slowFrame ? "frame not completed in time" : "idle");
            }
            return localClose; // after our close: the client's answer did not come in time
        } catch (IOException failed) {
            return localClose != null ? localClose : CloseStatus.abnormal(failed.toString(), CloseStatus.Initiator.REMOTE);
        }
    }

    /**
     * The next read's timeout: after our close, the close timeout; inside a frame, what is left
     * of the frame timeout; otherwise the idle timeout (0 = none, as for RFC 6455 connections).
     */
    private int readTimeoutMillis(long frameStartedAt, long now) {
        ProtocolConfig protocol = connection.protocol();
        if (closing) {
            Duration wait = protocol.closeTimeout().isZero() ? connection.handshakeTimeout() : protocol.closeTimeout();
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, wait.toMillis()));
        }
        long millis = protocol.idleTimeout().toMillis();
        if (frameStartedAt != 0 && !protocol.frameTimeout().isZero()) {
            long left = Math.max(1, protocol.frameTimeout().minusNanos(now - frameStartedAt).toMillis());
            millis = millis == 0 ? left : Math.min(millis, left);
        }
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    private void deliver(String text) {
        if (closing) {
            return; // after our closing handshake nothing more reaches the handler
        }
        try {
            handler.onText(this, text);
        } catch (RuntimeException failure) {
            handler.onError(this, failure);
            close(1011, "handler failed");
        }
    }

    /** The client's 0xFF 0x00: answer it (unless it answered ours) and end. */
    private CloseStatus peerClosed() {
        synchronized (writeLock) {
            if (localClose != null) {
                return localClose; // it answered ours
            }
            closing = true;
            writeQuietly(Hixie76Codec.CLOSING_FRAME);
        }
        return new CloseStatus(CloseCode.NORMAL_CLOSURE, "", true, CloseStatus.Initiator.REMOTE);
    }

    private void finish(CloseStatus status) {
        closing = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Best effort: the connection is over either way.
        }
        if (closeFuture.complete(status)) {
            handler.onClose(this, status);
        }
    }

    @Override
    public void sendText(String text) {
        synchronized (writeLock) {
            if (closing) {
                throw new IllegalStateException("the hixie-76 WebSocket is closing");
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write(Hixie76Codec.encodeText(text));
                out.flush();
            } catch (IOException failed) {
                closing = true;
                closeSocketQuietly(); // a write timeout or a reset: the reader ends and reports it
                throw new IllegalStateException("the hixie-76 WebSocket failed: " + failed, failed);
            }
        }
    }

    @Override
    public CompletableFuture<Void> sendTextAsync(String text) {
        return SockJsSession.sentAtOnce(() -> sendText(text));
    }

    /**
     * Sends the closing handshake (hixie-76 carries no code: {@code code} and {@code reason} are
     * what the handler's {@code onClose} sees) and half-closes; the reader waits up to the
     * front door's close timeout for the client's answer.
     */
    @Override
    public void close(int code, String reason) {
        synchronized (writeLock) {
            if (closing) {
                return;
            }
            closing = true;
            localClose = new CloseStatus(new CloseCode(code), reason, true, CloseStatus.Initiator.LOCAL);
            writeQuietly(Hixie76Codec.CLOSING_FRAME);
            try {
                socket.shutdownOutput();
            } catch (IOException alreadyGone) {
                closeSocketQuietly();
            }
        }
    }

    private void writeQuietly(byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException failed) {
            closeSocketQuietly();
        }
    }

    private void closeSocketQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Best effort.
        }
    }

    @Override
    public void sendBinary(ByteBuffer data) {
        throw new UnsupportedOperationException("hixie-76 carries text only (draft-76 §5.3)");
    }

    @Override
    public CompletableFuture<Void> sendBinaryAsync(ByteBuffer data) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("hixie-76 carries text only"));
    }

    @Override
    public void ping(ByteBuffer payload) {
        // hixie-76 has no ping; SockJS heartbeats ("h") keep the connection alive instead.
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
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
    public boolean isOpen() {
        return !closing;
    }

    @Override
    public long bufferedAmount() {
        return 0; // writes are synchronous
    }

    @Override
    public CompletableFuture<CloseStatus> closeFuture() {
        return closeFuture;
    }
}
