package org.socketlab.websocket.transport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.socketlab.websocket.protocol.WebSocketProtocol;

/**
 * The sending half of a {@link WebSocketConnection}: waits for outbound queue space
 * (backpressure), then — under the protocol lock shared with the reader — lets the protocol
 * encode the message and appends its bytes to the queue in production order.
 */
final class Sender {

    private static final Logger LOG = System.getLogger(Sender.class.getName());

    private final String id;
    private final WebSocketProtocol protocol;
    private final ReentrantLock protocolLock;
    private final OutboundQueue outbound;
    private final Duration sendTimeout;
    private final Runnable abortConnection;
    private volatile ExecutorService asyncSender;

    Sender(String id, WebSocketProtocol protocol, ReentrantLock protocolLock, OutboundQueue outbound,
           Duration sendTimeout, Runnable abortConnection) {
        this.id = id;
        this.protocol = protocol;
        this.protocolLock = protocolLock;
        this.outbound = outbound;
        this.sendTimeout = sendTimeout;
        this.abortConnection = abortConnection;
    }

    /** Blocks while the queue is full (at most the send timeout), then queues the message. */
    void send(Consumer<WebSocketProtocol> command, CompletableFuture<Void> written) {
        try {
            // Wait for space *before* taking the protocol lock: the reader must stay free to
            // answer pings and closes while a sender waits for a slow peer.
            if (!outbound.awaitSpace(sendTimeout.toNanos())) {
                String message = "session " + id + ": the peer read nothing for " + sendTimeout
                        + " while " + outbound.bufferedBytes() + " bytes were queued; connection aborted";
                LOG.log(Level.WARNING, message);
                abortConnection.run();
                throw new IllegalStateException(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for outbound queue space", e);
        }
        withProtocol(command, written);
    }

    /** Never blocks; the future completes when the message is written (or fails with the connection). */
    CompletableFuture<Void> sendAsync(Consumer<WebSocketProtocol> command) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            // One sequential virtual thread per connection keeps async sends in call order
            // while they wait for queue space; the caller never blocks.
            asyncSender().execute(() -> {
                try {
                    send(command, written);
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
        protocolLock.lock();
        try {
            command.accept(protocol); // IllegalStateException unless OPEN, naming the state
            outbound.append(protocol.pollOutgoing(), written);
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
