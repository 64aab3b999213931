package org.socketlab.websocket.transport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.List;
import java.util.function.Consumer;
import org.socketlab.websocket.protocol.WebSocketProtocol;

/**
 * The sending half of a {@link WebSocketSession}: waits for outbound queue space
 * (backpressure), then — under the protocol lock shared with the reader — lets the protocol
 * encode the message and appends its bytes to the queue in production order.
 *
 * <p>A blocking send that finds the queue empty and idle writes its message on the calling
 * thread (the direct path, see {@link SocketWriter}); an echo then costs no thread hand-off.
 * Asynchronous sends and control frames sent by the application always go through the queue, so
 * they never block their caller on the socket.
 */
final class Sender {

    private static final Logger LOG = System.getLogger(Sender.class.getName());

    private final String id;
    private final WebSocketProtocol protocol;
    private final ReentrantLock protocolLock;
    private final OutboundQueue outbound;
    private final Duration sendTimeout;
    private final Transport transport;
    private volatile ExecutorService asyncSender;

    Sender(WebSocketSession session, Duration sendTimeout, Transport transport) {
        this.id = session.id();
        this.protocol = session.protocol();
        this.protocolLock = session.protocolLock();
        this.outbound = session.outbound();
        this.sendTimeout = sendTimeout;
        this.transport = transport;
    }

    /**
     * Blocks while the queue is full (at most the send timeout), then queues the message — or
     * writes it at once when the queue is empty and idle.
     */
    void send(Consumer<WebSocketProtocol> command, CompletableFuture<Void> written) {
        awaitSpace();
        SocketWriter direct = transport.directWriter();
        List<OutboundQueue.Chunk> claimed = encode(command, written, direct != null);
        if (!claimed.isEmpty()) {
            direct.writeClaimed(claimed); // a failure closes the socket; the reader reports the loss (1006)
        }
        if (transport.writeStalled()) {
            // The watchdog closed the socket under a write (this one or the writer thread's):
            // the same verdict as waiting too long for queue space.
            throw stalled("during a write");
        }
    }

    private void awaitSpace() {
        if (!transport.mayWaitForSpace()) {
            return; // an event-loop thread must not wait for the loop it blocks; the loop stops reading instead
        }
        transport.beforeWaitingForSpace();
        try {
            // Wait for space *before* taking the protocol lock: the reader must stay free to
            // answer pings and closes while a sender waits for a slow peer.
            if (!outbound.awaitSpace(sendTimeout.toNanos())) {
                transport.abort();
                throw stalled("while " + outbound.bufferedBytes() + " bytes were queued");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for outbound queue space", e);
        }
    }

    private IllegalStateException stalled(String when) {
        String message = "session " + id + ": the peer read nothing for " + sendTimeout + " " + when
                + "; connection aborted";
        LOG.log(Level.WARNING, message);
        return new IllegalStateException(message);
    }

    /** Never blocks; the future completes when the message is written (or fails with the connection). */
    CompletableFuture<Void> sendAsync(Consumer<WebSocketProtocol> command) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            // One sequential virtual thread per connection keeps async sends in call order
            // while they wait for queue space; the caller never blocks.
            asyncSender().execute(() -> {
                try {
                    awaitSpace(); // never the direct path: this thread must keep feeding the queue
                    encode(command, written, false);
                } catch (RuntimeException e) {
                    written.completeExceptionally(e);
                }
            });
        } catch (RuntimeException rejected) {
            written.completeExceptionally(new IllegalStateException("session " + id + " is closed", rejected));
        }
        return written;
    }

    /** Runs a protocol command under the lock and queues what it produced (control frames: no wait). */
    void withProtocol(Consumer<WebSocketProtocol> command, CompletableFuture<Void> written) {
        encode(command, written, false);
    }

    /** Under the protocol lock: encode, then queue (or claim the socket, see {@link OutboundQueue#appendOrClaim}). */
    private List<OutboundQueue.Chunk> encode(Consumer<WebSocketProtocol> command, CompletableFuture<Void> written,
                                             boolean mayClaim) {
        protocolLock.lock();
        try {
            command.accept(protocol); // IllegalStateException unless OPEN, naming the state
            List<OutboundQueue.Chunk> claimed = outbound.appendOrClaim(protocol.pollOutgoing(), written, mayClaim);
            transport.afterCommand();
            return claimed;
        } finally {
            protocolLock.unlock();
        }
    }

    void shutdown() {
        ExecutorService sender = asyncSender;
        if (sender != null) {
            sender.shutdown();
        }
    }

    private ExecutorService asyncSender() {
        ExecutorService sender = asyncSender;
        if (sender == null) {
            synchronized (this) {
                sender = asyncSender;
                if (sender == null) {
                    sender = Executors.newSingleThreadExecutor(Thread.ofVirtual().name(id + "-async").factory());
                    asyncSender = sender;
                }
            }
        }
        return sender;
    }
}
