package org.socketlab.websocket.transport;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.concurrent.locks.ReentrantLock;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.protocol.ProtocolEvent;
import org.socketlab.websocket.protocol.WebSocketProtocol;

/**
 * One WebSocket connection driven by an {@link EventLoop} instead of a thread of its own: the
 * same sans-I/O {@link WebSocketProtocol}, the same {@link WebSocketSession} and
 * {@link OutboundQueue}, but reads happen when the selector says the channel is readable (into
 * its loop's one read buffer, {@link LoopReader}: an idle connection holds none), writes are
 * non-blocking ({@link LoopWriter}), and the protocol's timers are the loop's timers. Handler
 * callbacks run on the loop thread.
 *
 * <p>Confined to its loop thread, except the {@link Transport} methods the session calls from
 * any thread (they hand work to the loop with {@link EventLoop#execute}).
 */
public final class LoopConnection implements EventLoop.Handler {

    private static final Logger LOG = System.getLogger(LoopConnection.class.getName());

    private final EventLoop loop;
    private final SocketChannel channel;
    private final WebSocketSession session;
    private final WebSocketProtocol protocol;
    private final ReentrantLock protocolLock;
    private final ConnectionSettings settings;
    private final EventDispatcher dispatcher;
    private final LoopWriter writer;
    private final LoopReader reader;
    private final LoopClose closing;
    private ByteBuffer leftover;
    /** True while {@link #step} feeds the protocol and dispatches its events (loop thread only). */
    private boolean stepping;
    /** When the loop's timer for this connection is due; read by senders to skip needless wake-ups. */
    private volatile long scheduledDeadline = Long.MAX_VALUE;

    private LoopConnection(EventLoop loop, SocketChannel channel, WebSocketProtocol protocol, WebSocketHandler handler,
                           ConnectionSettings settings, String path, Optional<String> subprotocol,
                           ByteBuffer leftover) throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.settings = settings;
        this.session = new WebSocketSession((InetSocketAddress) channel.getRemoteAddress(), path, subprotocol,
                protocol, settings.maxBufferedBytes());
        this.protocol = protocol;
        this.protocolLock = session.protocolLock();
        this.leftover = leftover == null ? ByteBuffer.allocate(0) : leftover;
        this.dispatcher = new EventDispatcher(session, handler);
        this.writer = new LoopWriter(channel, session.outbound(), settings.sendTimeout());
        this.reader = new LoopReader(this, loop, channel, session.outbound());
        this.closing = new LoopClose(this, channel, session.outbound(), settings.closeTimeout());
        session.attach(new LoopTransport(), settings);
    }

    /**
     * A connection for {@code channel} (connected, its opening handshake done) on the next loop
     * of {@code loops}. Nothing runs until {@link #start}.
     */
    public static LoopConnection create(EventLoopGroup loops, SocketChannel channel, WebSocketProtocol protocol,
                                        WebSocketHandler handler, ConnectionSettings settings, String path,
                                        Optional<String> subprotocol, ByteBuffer leftover) throws IOException {
        return new LoopConnection(loops.next(), channel, protocol, handler, settings, path, subprotocol, leftover);
    }

    /**
     * Counts every byte read from and written to the socket from now on, as the blocking
     * transport's metered socket does (a route's {@code TrafficMeter}, lab 07). Call before
     * {@link #start}; the counters are called on the loop thread and must be thread-safe if
     * anything else reads them. Bytes read before the hand-over (the request head, any early
     * frames) were counted by the front door already.
     */
    public void countBytes(LongConsumer read, LongConsumer written) {
        reader.countRead(read);
        writer.countWritten(java.util.Objects.requireNonNull(written, "written"));
    }

    /**
     * Server side: {@code response} (the 101) are the first bytes on the wire. They are queued
     * now, before the session is visible to any other thread, so everything sent later queues
     * behind them; the loop writes them in the flush after the handler's {@code onOpen} (see
     * {@link #open}), so a peer that has seen the 101 knows {@code onOpen} has run. Call before
     * {@link #start}.
     */
    public void respondOnOpen(byte[] response) {
        if (session.outbound().bufferedBytes() != 0) {
            throw new IllegalStateException("the response must be the connection's first bytes");
        }
        session.outbound().append(List.of(ByteBuffer.wrap(response)), null);
    }

    public WebSocketSession session() {
        return session;
    }

    /**
     * Switches the channel to non-blocking and hands the connection to its loop; returns at once.
     * {@code onFinished} runs on the loop thread once the socket is closed and the handler told.
     */
    public void start(Runnable onFinished) throws IOException {
        channel.configureBlocking(false);
        closing.onFinished(onFinished);
        loop.execute(this::open);
    }

    private void open() {
        try {
            writer.attach(loop.register(channel, SelectionKey.OP_READ, this));
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: could not register: {1}", session, e.toString());
            closing.abort();
            return;
        }
        // Bytes queued from another thread (or by another connection's handler) wake the loop,
        // which writes them; bytes this connection's own handler queues leave in step's flush.
        // So does the 101 queued by respondOnOpen: after onOpen, never before.
        session.outbound().startWriterOnDemand(this::bytesQueued);
        dispatcher.open();
        ByteBuffer early = leftover;
        leftover = null;
        step(early, false);
    }

    @Override
    public void ready(SelectionKey key) {
        int ops = key.readyOps();
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((ops & SelectionKey.OP_READ) != 0 && key.isValid()) {
            if (closing.isLingering()) {
                reader.discardInput(closing);
            } else if (closing.isOpen()) {
                reader.readAvailable();
            }
        }
    }

    /** Loop thread: whether another read may happen now (open, and not held back by a full queue). */
    boolean mayRead() {
        return closing.isOpen() && !writer.readPaused();
    }

    /** Loop thread: bytes the reader read, valid until this returns. */
    void received(ByteBuffer bytes) {
        step(bytes, false);
    }

    /** The peer closed (or reset) TCP: the protocol reports it, and the connection ends. */
    void endOfStream() {
        step(null, true);
        closing.begin();
    }

    /** Feeds bytes (or EOF, or nothing) and the clock to the protocol, writes, dispatches. */
    private void step(ByteBuffer bytes, boolean eof) {
        long now = System.nanoTime();
        List<ProtocolEvent> events;
        boolean closeTransport;
        boolean outer = stepping;
        stepping = true; // what the protocol and the handler queue from here leaves in the flush below
        try {
            protocolLock.lock();
            try {
                if (eof) {
                    protocol.receiveEof(now);
                } else if (bytes != null && bytes.hasRemaining()) {
                    protocol.receive(bytes, now);
                }
                protocol.tick(now);
                session.outbound().append(protocol.pollOutgoing(), null);
                events = protocol.pollEvents();
                closeTransport = protocol.shouldCloseTransport();
            } finally {
                protocolLock.unlock();
            }
            dispatcher.dispatch(events);
        } finally {
            stepping = outer;
        }
        flush();
        if (closeTransport) {
            closing.begin();
        } else {
            reschedule();
        }
    }

    /**
     * The outbound queue had nothing to write and now has (under the queue's lock, any thread).
     * On this connection's own step the flush after dispatch writes it: no task, no extra
     * {@code selectNow} and no second flush per echoed message.
     */
    private void bytesQueued() {
        if (!(loop.inLoop() && stepping)) {
            loop.execute(this::flush);
        }
    }

    /** Loop thread: writes what the queue holds, as far as the socket takes it. */
    void flush() {
        if (closing.isClosed()) {
            return;
        }
        try {
            writer.flush(closing.isOpen() || closing.isLingering());
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0} write failed: {1}", session, e.toString());
            session.outbound().fail(e);
            closing.abort();
            return;
        }
        closing.afterFlush();
    }

    /** Loop thread: makes sure {@link #timerDue} runs by the next deadline of anything that waits. */
    void reschedule() {
        if (closing.isClosed()) {
            return;
        }
        long deadline = Math.min(writer.stallDeadline(), closing.deadline());
        if (closing.isOpen()) {
            protocolLock.lock();
            try {
                deadline = Math.min(deadline, protocol.nextDeadlineNanos());
            } finally {
                protocolLock.unlock();
            }
        }
        if (deadline < scheduledDeadline) {
            scheduledDeadline = deadline;
            loop.schedule(deadline, this);
        }
    }

    @Override
    public void timerDue(long deadlineNanos, long nowNanos) {
        if (deadlineNanos != scheduledDeadline || closing.isClosed()) {
            return; // superseded by an earlier deadline, or finished
        }
        scheduledDeadline = Long.MAX_VALUE;
        if (writer.stalled(nowNanos)) {
            LOG.log(Level.DEBUG, "{0}: the peer read nothing for {1} during a write; aborting", session,
                    settings.sendTimeout());
            closing.abort();
            return;
        }
        if (closing.isOpen()) {
            step(null, false);
        } else {
            closing.timerDue(nowNanos);
            reschedule();
        }
    }

    @Override
    public void loopClosed() {
        closing.abort();
    }

    /** Called by {@link LoopClose} once the socket is closed: the handler hears 1006 unless it heard the close. */
    void finished() {
        loop.deregister(this);
        dispatcher.closed(CloseStatus.abnormal("connection lost", CloseStatus.Initiator.REMOTE)); // nothing if Closed was delivered
        session.sender().shutdown();
    }

    /** Called by {@link LoopClose} when the connection ends abruptly while still open. */
    void reportLoss() {
        step(null, true);
    }

    /** Called by {@link LoopClose} when the close timeout gave up on the queued bytes. */
    void abandonWrites() {
        writer.abandon();
    }

    void interestChanged() {
        writer.updateInterest(closing.isOpen() || closing.isLingering());
    }

    @Override
    public String toString() {
        return session.toString();
    }

    /** What the session's senders need from the loop. */
    private final class LoopTransport implements Transport {

        @Override
        public SocketWriter directWriter() {
            return null; // the loop writes everything, non-blocking
        }

        @Override
        public boolean writeStalled() {
            return writer.stalledVerdict();
        }

        @Override
        public boolean mayWaitForSpace() {
            return !EventLoop.onAnyLoop();
        }

        @Override
        public void beforeWaitingForSpace() {
            // Nothing held back here: the loop writes the 101 and everything after it.
        }

        @Override
        public void afterCommand() {
            // Under the protocol lock: a close or ping may have started a timer earlier than ours.
            if (protocol.nextDeadlineNanos() < scheduledDeadline) {
                loop.execute(LoopConnection.this::reschedule);
            }
        }

        @Override
        public void abort() {
            loop.execute(closing::abort);
        }
    }
}
