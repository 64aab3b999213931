package org.socketlab.websocket.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.socketlab.tcp.ConcurrencyStrategy;

/**
 * Numbers the front door's connections and requests in the order they reached the server: a
 * {@link ConcurrencyStrategy} decorator that takes a ticket on the accept thread, in accept
 * order, before the connection's own thread is scheduled, and hands it to that thread for the
 * length of the connection task ({@link #acceptTicket()}). Later requests on a persistent
 * connection take a fresh ticket from the same counter when their head has been read
 * ({@link #next()}).
 *
 * <p>Why: with one thread per connection, two requests that arrive back to back may be read in
 * either order; a protocol whose rule is "the first one wins" (SockJS 0.3.3: a second receiving
 * request gets {@code c[2010,"Another connection still open"]}) judges by these tickets instead
 * of by thread scheduling, as a single-threaded server reading in arrival order would.
 *
 * <p>Thread-safety: {@link #dispatch} is called by the accept thread only (the
 * {@link ConcurrencyStrategy} contract); {@link #next()} by any thread.
 */
final class ArrivalOrder implements ConcurrencyStrategy {

    private static final ThreadLocal<Long> ACCEPT_TICKET = new ThreadLocal<>();

    private final ConcurrencyStrategy delegate;
    private final AtomicLong counter = new AtomicLong();

    ArrivalOrder(ConcurrencyStrategy delegate) {
        this.delegate = delegate;
    }

    /** A fresh ticket, later than every ticket taken before. */
    long next() {
        return counter.incrementAndGet();
    }

    /**
     * The ticket taken when the connection the calling thread serves was accepted; a fresh one
     * when the caller is not running a task of this strategy.
     */
    long acceptTicket() {
        Long ticket = ACCEPT_TICKET.get();
        return ticket != null ? ticket : next();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void dispatch(Runnable connectionTask) {
        long ticket = next(); // on the accept thread: accept order
        delegate.dispatch(() -> {
            Long outer = ACCEPT_TICKET.get(); // the iterative strategy runs on the accept thread itself
            ACCEPT_TICKET.set(ticket);
            try {
                connectionTask.run();
            } finally {
                if (outer == null) {
                    ACCEPT_TICKET.remove();
                } else {
                    ACCEPT_TICKET.set(outer);
                }
            }
        });
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return delegate.awaitTermination(timeout);
    }

    @Override
    public void shutdownNow() {
        delegate.shutdownNow();
    }
}
