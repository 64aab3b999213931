package org.socketlab.websocket.transport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.protocol.ProtocolEvent;
import org.socketlab.websocket.protocol.WebSocketProtocol;

/**
 * One WebSocket connection after its opening handshake: the read loop
 * (read → {@code receive} → write {@code pollOutgoing} → dispatch {@code pollEvents} → close
 * when told) and the thread-safe {@link Session} the application uses. See the package
 * documentation for the concurrency contract.
 */
public final class WebSocketConnection implements Session {

    private static final Logger LOG = System.getLogger(WebSocketConnection.class.getName());
    private static final AtomicLong IDS = new AtomicLong();
    /** Longest wait for the peer's FIN after ours (see {@link #lingeringClose()}). */
    private static final long LINGER_MILLIS = 2_000;

    private final String id = "ws-" + IDS.incrementAndGet();
    private final Socket socket;
    private final WebSocketProtocol protocol;
    private final ReentrantLock protocolLock = new ReentrantLock();
    private final OutboundQueue outbound;
    private final ConnectionSettings settings;
    private final String path;
    private final Optional<String> subprotocol;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final CompletableFuture<CloseStatus> closeFuture = new CompletableFuture<>();
    private final EventDispatcher dispatcher;
    private final ByteBuffer leftover;
    private final Sender sender;
    /** Set in {@link #run} before anything can be written; null means "queue only". */
    private volatile SocketWriter socketWriter;
    /** Set by the {@link WriteWatchdog} when it closed the socket under a stalled write. */
    private volatile boolean writeStalled;
    /** Whether the last {@link #step} queued pongs or a close reply (read-loop thread only). */
    private boolean readerQueuedBytes;
    /** Wakes the protocol's timers while the reader is blocked (see {@link ProtocolAlarm}). */
    private final ProtocolAlarm alarm = new ProtocolAlarm(this::onAlarm);
    /** The reader is in (or about to enter) a blocking read; guarded by the protocol lock. */
    private boolean readerBlocked;

    /**
     * @param leftover bytes that arrived after the handshake's blank line (early frames); they
     *                 are fed to the protocol before the first read
     */
    public WebSocketConnection(Socket socket, WebSocketProtocol protocol, WebSocketHandler handler,
                               ConnectionSettings settings, String path, Optional<String> subprotocol,
                               ByteBuffer leftover) {
        this.socket = socket;
        this.protocol = protocol;
        this.settings = settings;
        this.outbound = new OutboundQueue(settings.maxBufferedBytes());
        this.path = path;
        this.subprotocol = subprotocol;
        this.leftover = leftover == null ? ByteBuffer.allocate(0) : leftover;
        this.dispatcher = new EventDispatcher(this, handler, this::abortAfterHandlerFailure);
        this.sender = new Sender(id, protocol, protocolLock, outbound, settings.sendTimeout(), this::closeSocketQuietly,
                this::directWriter, () -> writeStalled, this::armAlarm);
    }

    /** Runs the read loop on the calling thread until the connection is closed. */
    public void run() {
        SocketWriter writes;
        try {
            writes = new SocketWriter(outbound, socket.getOutputStream(), this::writeFailed);
        } catch (IOException e) {
            finish(CloseStatus.abnormal("could not open the socket's output: " + e.getMessage(), CloseStatus.Initiator.LOCAL));
            return;
        }
        WriteWatchdog.Watched watched = WriteWatchdog.shared().watch(id, writes, settings.sendTimeout(), this::abortStalledWrite);
        // The writer thread runs only while bytes wait for it: an idle connection owns none.
        outbound.startWriterOnDemand(() -> Thread.ofVirtual().name(id + "-writer").start(writes));
        socketWriter = writes;
        try {
            dispatcher.open();
            if (leftover.hasRemaining()) {
                step(leftover, false);
            }
            readLoop();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0} read failed: {1}", id, e.toString());
            step(null, true);
        } finally {
            protocolLock.lock();
            try {
                alarm.cancel();
            } finally {
                protocolLock.unlock();
            }
            closeTransport();
            WriteWatchdog.shared().unwatch(watched);
            if (!closeFuture.isDone()) {
                dispatcher.closed(CloseStatus.abnormal("connection lost", CloseStatus.Initiator.REMOTE));
            }
            sender.shutdown();
        }
    }

    /**
     * Blocks on a small buffer while idle; when a read fills it, more bytes are probably waiting,
     * so a pooled 16 KiB buffer is borrowed for the reads that cannot block (see {@link ReadBuffers}).
     */
    private void readLoop() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] idleBuffer = new byte[ReadBuffers.IDLE_READ_BYTES];
        socket.setSoTimeout(0); // timers run on the alarm, never as read timeouts (see ProtocolAlarm)
        while (true) {
            if (timerDueBeforeRead()) {
                if (step(null, false)) {
                    return;
                }
                continue;
            }
            int n = in.read(idleBuffer);
            if (n < 0) {
                step(null, true);
                return;
            }
            if (stepAndWait(ByteBuffer.wrap(idleBuffer, 0, n))) {
                return;
            }
            if (n == idleBuffer.length && readWhileAvailable(in)) {
                return;
            }
        }
    }

    /** Reads what is already waiting into a borrowed buffer, never blocking; true when TCP must close. */
    private boolean readWhileAvailable(InputStream in) throws IOException {
        byte[] busyBuffer = ReadBuffers.borrow();
        try {
            while (in.available() > 0) {
                int n = in.read(busyBuffer);
                if (n < 0) {
                    step(null, true);
                    return true;
                }
                if (stepAndWait(ByteBuffer.wrap(busyBuffer, 0, n))) {
                    return true;
                }
            }
            return false;
        } finally {
            ReadBuffers.giveBack(busyBuffer);
        }
    }

    /** {@link #step} for bytes read; then waits for queue space if it queued replies. */
    private boolean stepAndWait(ByteBuffer bytes) throws IOException {
        if (step(bytes, false)) {
            return true;
        }
        if (readerQueuedBytes) {
            awaitOutboundSpace();
        }
        return false;
    }

    /** Feeds bytes (or EOF, or nothing) and the clock to the protocol; true when TCP must close. */
    private boolean step(ByteBuffer bytes, boolean eof) {
        long now = System.nanoTime();
        List<ProtocolEvent> events;
        boolean closeTransport;
        List<OutboundQueue.Chunk> claimed;
        SocketWriter direct = socketWriter;
        protocolLock.lock();
        try {
            readerBlocked = false;
            if (eof) {
                protocol.receiveEof(now);
            } else if (bytes != null) {
                protocol.receive(bytes, now);
            }
            protocol.tick(now);
            List<ByteBuffer> replies = protocol.pollOutgoing();
            claimed = outbound.appendOrClaim(replies, null, direct != null);
            readerQueuedBytes = !replies.isEmpty() && claimed.isEmpty();
            events = protocol.pollEvents();
            closeTransport = protocol.shouldCloseTransport();
        } finally {
            protocolLock.unlock();
        }
        if (!claimed.isEmpty()) {
            direct.writeClaimed(claimed); // a failure closes the socket; the next read reports it
        }
        dispatcher.dispatch(events);
        return closeTransport;
    }

    /**
     * Pongs and close replies skip the senders' wait for queue space, so a peer that floods pings
     * and never reads would grow the queue without bound. After queuing such replies the reader
     * therefore stops reading while the queue is over its limit — TCP flow control then pushes back on the flooder — and
     * gives up on a peer that does not drain it within the send timeout.
     */
    private void awaitOutboundSpace() throws IOException {
        try {
            if (!outbound.awaitSpace(settings.sendTimeout().toNanos())) {
                LOG.log(Level.DEBUG, "{0}: peer read none of {1} queued bytes within {2}; aborting",
                        id, outbound.bufferedBytes(), settings.sendTimeout());
                closeSocketQuietly();
                throw new IOException("the peer stopped reading while " + outbound.bufferedBytes()
                        + " bytes were queued (limit " + outbound.limitBytes() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the peer to read");
        }
    }

    /**
     * Before each read: true when a timer is already due (the reader ticks instead of reading —
     * e.g. a peer's close held back until the replies to earlier messages were sent); otherwise
     * marks the reader blocked and arms the alarm for the next deadline.
     */
    private boolean timerDueBeforeRead() {
        protocolLock.lock();
        try {
            long now = System.nanoTime();
            long deadline = protocol.nextDeadlineNanos();
            if (deadline <= now) {
                return true;
            }
            readerBlocked = true;
            alarm.arm(deadline, now);
            return false;
        } finally {
            protocolLock.unlock();
        }
    }

    /** After a command from any thread (under the protocol lock): it may have started a timer. */
    private void armAlarm() {
        alarm.arm(protocol.nextDeadlineNanos(), System.nanoTime());
    }

    /**
     * On the shared timer thread: while the reader is blocked in its read, tick the protocol
     * here and queue what it produced (a ping, a close frame); when TCP must close, closing the
     * socket wakes the reader, which then delivers the events. A reader that is not blocked
     * ticks by itself and re-arms before its next read.
     */
    private void onAlarm() {
        boolean closeNow;
        protocolLock.lock();
        try {
            alarm.spent();
            if (!readerBlocked) {
                return;
            }
            long now = System.nanoTime();
            protocol.tick(now);
            outbound.append(protocol.pollOutgoing(), null);
            closeNow = protocol.shouldCloseTransport();
            if (!closeNow) {
                // Never "due now" while the reader is blocked; clamp so a timer is never lost.
                alarm.arm(Math.max(protocol.nextDeadlineNanos(), now + 1_000_000), now);
            }
        } finally {
            protocolLock.unlock();
        }
        if (closeNow) {
            Thread.ofVirtual().name(id + "-timer-close").start(this::closeTransportFromTimer);
        }
    }

    /** Lets the writer send the final frames (bounded by the close timeout), then closes TCP. */
    private void closeTransportFromTimer() {
        outbound.finish();
        try {
            outbound.awaitDrained(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSocketQuietly();
    }

    /** Lets the writer send what is queued (the close frame last), then closes the socket. */
    private void closeTransport() {
        outbound.finish();
        try {
            if (!outbound.awaitDrained(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.DEBUG, "{0}: queued bytes not written within {1}; closing anyway",
                        id, settings.closeTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lingeringClose();
        outbound.fail(new IOException("connection closed"));
    }

    /**
     * Sends FIN, then reads and discards what the peer still sends until it closes too (at
     * most {@link #LINGER_MILLIS}), then closes. Closing a socket with unread input makes the
     * kernel send RST, which can destroy our close frame before the peer reads it — exactly
     * after a protocol error, when the peer is still sending. TLS sockets cannot half-close,
     * so they are closed at once.
     */
    private void lingeringClose() {
        if (!(socket instanceof javax.net.ssl.SSLSocket) && !socket.isClosed()) {
            try {
                socket.shutdownOutput();
                socket.setSoTimeout((int) LINGER_MILLIS);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
                byte[] discard = new byte[8192];
                InputStream in = socket.getInputStream();
                while (System.nanoTime() < deadline && in.read(discard) >= 0) {
                    // drain: the peer's close reply or the rest of a message we refused
                }
            } catch (IOException ignored) {
                // timeout, reset or already closed: close below either way
            }
        }
        closeSocketQuietly();
    }

    /** The watchdog's verdict: a write made no progress for the send timeout. */
    private void abortStalledWrite() {
        writeStalled = true;
        // Not on the watchdog's thread, which serves every connection: closing a TLS socket may
        // wait for the very write that is stuck.
        Thread.ofVirtual().name(id + "-abort").start(this::closeSocketQuietly);
    }

    /** The writer for the direct path, or null before {@link #run} set it up. */
    private SocketWriter directWriter() {
        return socketWriter;
    }

    private void writeFailed(IOException error) {
        // Closing the socket wakes the reader, which reports the loss (1006) to the handler.
        closeSocketQuietly();
    }

    private void abortAfterHandlerFailure() {
        protocolLock.lock();
        try {
            if (protocol.isOpen()) {
                // RFC 6455 §7.4.1: 1011, the server hit a condition it cannot handle.
                protocol.close(CloseCode.INTERNAL_ERROR, "handler failed", System.nanoTime());
                outbound.append(protocol.pollOutgoing(), null);
                armAlarm();
            }
        } finally {
            protocolLock.unlock();
        }
    }

    private void closeSocketQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Best effort: the peer may be gone already.
        }
    }

    /** Called once by the dispatcher when the Closed event (or a synthetic 1006) is delivered. */
    void finish(CloseStatus status) {
        closeFuture.complete(status);
    }

    // ---- Session -------------------------------------------------------------------------

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

    /**
     * Sends a fragment of a message (RFC 6455 §5.4): {@code TEXT}/{@code BINARY} first, then
     * {@code CONTINUATION}, the last one with {@code fin}. Blocks for queue space like the
     * other sends.
     */
    public void sendFragment(org.socketlab.websocket.frame.Opcode opcode, ByteBuffer data, boolean fin) {
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
            armAlarm(); // the close timeout (RFC 6455 §7.1.1) runs from now
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
        return id + "[" + socket.getRemoteSocketAddress() + " " + path + "]";
    }
}
