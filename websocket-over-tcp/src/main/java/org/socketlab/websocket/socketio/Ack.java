package org.socketlab.websocket.socketio;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The acknowledgement an event's sender asked for (Socket.IO v5, ACK packets): call
 * {@link #send} once with the reply arguments. When the client did not ask for one,
 * {@link #requested()} is false and {@code send} does nothing. Thread-safe; may be called later
 * from another thread.
 */
public final class Ack {

    private static final Ack NONE = new Ack(null);

    private final Consumer<List<Object>> reply;
    private final AtomicBoolean sent = new AtomicBoolean();

    Ack(Consumer<List<Object>> reply) {
        this.reply = reply;
    }

    static Ack none() {
        return NONE;
    }

    /** Whether the client is waiting for this acknowledgement. */
    public boolean requested() {
        return reply != null;
    }

    /**
     * Sends the acknowledgement with these arguments ({@code byte[]} allowed).
     *
     * @throws IllegalStateException when it was already sent
     */
    public void send(Object... args) {
        if (reply == null) {
            return;
        }
        if (!sent.compareAndSet(false, true)) {
            throw new IllegalStateException("this acknowledgement was already sent; an ack is sent at most once");
        }
        reply.accept(java.util.Arrays.asList(args));
    }
}
