package org.socketlab.websocket.transport;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.protocol.WebSocketProtocol;

/**
 * One WebSocket connection on a blocking socket after its opening handshake, put together from
 * one part per job: the {@link WebSocketSession} the application sees, the {@link ReadLoop}
 * that reads and dispatches, the writer ({@link OutboundQueue}, {@link SocketWriter}, watched by
 * the {@link WriteWatchdog}) and the {@link LingeringClose} that ends it. The session reaches the
 * rest through one {@link Transport}. See the package documentation for the concurrency contract.
 */
public final class WebSocketConnection {

    private static final Logger LOG = System.getLogger(WebSocketConnection.class.getName());

    private final Socket socket;
    private final WebSocketSession session;
    private final ConnectionSettings settings;
    private final EventDispatcher dispatcher;
    private final LingeringClose closing;
    private final ReadLoop reader;
    private final ByteBuffer leftover;
    /** Set by the {@link WriteWatchdog} when it closed the socket under a stalled write. */
    private volatile boolean writeStalled;
    /**
     * The server's 101, queued first with the right to write held until {@code onOpen} has
     * returned; touched only by the thread that runs the connection once {@link #run} started.
     */
    private List<OutboundQueue.Chunk> response = List.of();
    /** The thread in {@link #run}, and its writer: set before {@code onOpen}. */
    private volatile Thread runner;
    private SocketWriter writer;

    /**
     * @param leftover bytes that arrived after the handshake's blank line (early frames); they
     *                 are fed to the protocol before the first read
     */
    public WebSocketConnection(Socket socket, WebSocketProtocol protocol, WebSocketHandler handler,
                               ConnectionSettings settings, String path, Optional<String> subprotocol,
                               ByteBuffer leftover) {
        this.socket = socket;
        this.settings = settings;
        this.session = new WebSocketSession((InetSocketAddress) socket.getRemoteSocketAddress(), path, subprotocol,
                protocol, settings.maxBufferedBytes());
        this.leftover = leftover == null ? ByteBuffer.allocate(0) : leftover;
        this.dispatcher = new EventDispatcher(session, handler);
        this.closing = new LingeringClose(session.id(), socket, session.outbound(), settings.closeTimeout());
        this.reader = new ReadLoop(session, socket, settings, dispatcher, closing);
        session.attach(new BlockingTransport(), settings);
    }

    /**
     * Server side: {@code response} (the 101) are the first bytes on the wire, written once the
     * handler's {@code onOpen} has returned, so a peer that has seen the 101 knows {@code onOpen}
     * has run. Call before {@link #run} and before the session is visible to any other thread:
     * this claims the queue's right to write, so everything sent meanwhile (by {@code onOpen}, or
     * by another thread) queues behind the 101.
     */
    public void respondOnOpen(byte[] response) {
        List<OutboundQueue.Chunk> claimed = session.outbound().appendOrClaim(List.of(ByteBuffer.wrap(response)), null, true);
        if (claimed.isEmpty()) {
            throw new IllegalStateException("the response must be the connection's first bytes");
        }
        this.response = claimed;
    }

    /** The session the application sees. */
    public WebSocketSession session() {
        return session;
    }

    public String id() {
        return session.id();
    }

    /** Runs the read loop on the calling thread until the connection is closed. */
    public void run() {
        String id = session.id();
        OutboundQueue outbound = session.outbound();
        SocketWriter writes;
        try {
            writes = new SocketWriter(outbound, socket.getOutputStream(), error -> closing.closeNow());
        } catch (IOException e) {
            session.finish(CloseStatus.abnormal("could not open the socket's output: " + e.getMessage(), CloseStatus.Initiator.LOCAL));
            return;
        }
        WriteWatchdog.Watched watched = WriteWatchdog.shared().watch(id, writes, settings.sendTimeout(), this::abortStalledWrite);
        // The writer thread runs only while bytes wait for it: an idle connection owns none.
        outbound.startWriterOnDemand(() -> Thread.ofVirtual().name(id + "-writer").start(writes));
        reader.useWriter(writes);
        writer = writes;
        runner = Thread.currentThread();
        try {
            dispatcher.open();
            writeResponse();
            reader.run(leftover);
        } finally {
            closing.afterReadLoop();
            WriteWatchdog.shared().unwatch(watched);
            dispatcher.closed(CloseStatus.abnormal("connection lost", CloseStatus.Initiator.REMOTE)); // nothing if Closed was delivered
            session.sender().shutdown();
        }
    }

    /** Connection thread: writes the 101 held by {@link #respondOnOpen}, if it still waits. */
    private void writeResponse() {
        List<OutboundQueue.Chunk> pending = response;
        response = List.of();
        if (!pending.isEmpty() && !writer.writeClaimed(pending)) {
            // The peer left before it saw the 101; the writer's failure closed the socket, so
            // the read loop ends at once and reports the loss (1006).
            LOG.log(Level.DEBUG, "{0}: the 101 could not be written", session.id());
        }
    }

    /** The watchdog's verdict: a write made no progress for the send timeout. */
    private void abortStalledWrite() {
        writeStalled = true;
        // Not on the watchdog's thread, which serves every connection: closing a TLS socket may
        // wait for the very write that is stuck.
        Thread.ofVirtual().name(session.id() + "-abort").start(closing::closeNow);
    }

    @Override
    public String toString() {
        return session.toString();
    }

    /** What the session's senders need from the blocking transport. */
    private final class BlockingTransport implements Transport {

        @Override
        public SocketWriter directWriter() {
            return reader.directWriter();
        }

        @Override
        public boolean writeStalled() {
            return writeStalled;
        }

        @Override
        public boolean mayWaitForSpace() {
            return true;
        }

        @Override
        public void beforeWaitingForSpace() {
            // An onOpen that fills the queue (a long history, say) would wait for a queue that
            // cannot drain while its own thread holds the 101 back: the 101 goes out now.
            if (Thread.currentThread() == runner) {
                OutboundQueue outbound = session.outbound();
                if (!response.isEmpty() && outbound.bufferedBytes() >= outbound.limitBytes()) {
                    writeResponse();
                }
            }
        }

        @Override
        public void afterCommand() {
            reader.armAlarm();
        }

        @Override
        public void abort() {
            closing.closeNow();
        }
    }
}
