package org.socketlab.websocket.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
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
        try {
            dispatcher.open();
            reader.run(leftover);
        } finally {
            closing.afterReadLoop();
            WriteWatchdog.shared().unwatch(watched);
            dispatcher.closed(CloseStatus.abnormal("connection lost", CloseStatus.Initiator.REMOTE)); // nothing if Closed was delivered
            session.sender().shutdown();
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
        public void afterCommand() {
            reader.armAlarm();
        }

        @Override
        public void abort() {
            closing.closeNow();
        }
    }
}
