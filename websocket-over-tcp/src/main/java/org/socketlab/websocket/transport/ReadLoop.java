package org.socketlab.websocket.transport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.socketlab.websocket.protocol.ProtocolEvent;
import org.socketlab.websocket.protocol.WebSocketProtocol;

/**
 * The blocking read loop of one {@link WebSocketConnection}: read → {@code receive} → write
 * {@code pollOutgoing} → dispatch {@code pollEvents}, until the protocol says TCP must close.
 * Reads never time out; the protocol's timers come from a {@link ProtocolAlarm} that ticks the
 * protocol on the shared timer thread while the reader is blocked.
 *
 * <p>{@link #run} is called by exactly one thread (the reader); {@link #armAlarm} by any thread
 * that holds the protocol lock.
 */
final class ReadLoop {

    private static final Logger LOG = System.getLogger(ReadLoop.class.getName());

    private final String id;
    private final Socket socket;
    private final WebSocketProtocol protocol;
    private final ReentrantLock protocolLock;
    private final OutboundQueue outbound;
    private final ConnectionSettings settings;
    private final EventDispatcher dispatcher;
    private final LingeringClose closing;
    /** Set before the loop runs; null means "queue only" (no direct writes yet). */
    private volatile SocketWriter socketWriter;
    /** Whether the last {@link #step} queued pongs or a close reply (read-loop thread only). */
    private boolean readerQueuedBytes;
    /** Wakes the protocol's timers while the reader is blocked (see {@link ProtocolAlarm}). */
    private final ProtocolAlarm alarm = new ProtocolAlarm(this::onAlarm);
    /** The reader is in (or about to enter) a blocking read; guarded by the protocol lock. */
    private boolean readerBlocked;

    ReadLoop(WebSocketSession session, Socket socket, ConnectionSettings settings, EventDispatcher dispatcher,
             LingeringClose closing) {
        this.id = session.id();
        this.socket = socket;
        this.protocol = session.protocol();
        this.protocolLock = session.protocolLock();
        this.outbound = session.outbound();
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.closing = closing;
    }

    /** From now on the reader (and blocking senders) may write their own bytes at once. */
    void useWriter(SocketWriter writer) {
        socketWriter = writer;
    }

    /** The writer for the direct path, or null before {@link #useWriter}. */
    SocketWriter directWriter() {
        return socketWriter;
    }

    /**
     * Feeds the bytes that came with the handshake, then reads until TCP must close; a read
     * failure is fed to the protocol as the end of the stream.
     */
    void run(ByteBuffer leftover) {
        try {
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
        }
    }

    /** Under the protocol lock, after a command from any thread: it may have started a timer. */
    void armAlarm() {
        alarm.arm(protocol.nextDeadlineNanos(), System.nanoTime());
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
                closing.closeNow();
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
            Thread.ofVirtual().name(id + "-timer-close").start(closing::fromTimer);
        }
    }

}
