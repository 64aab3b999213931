package org.socketlab.websocket.sockjs;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.sockjs.SessionState.Attach;

/**
 * A SockJS session on the HTTP transports: the thread-safe shell around {@link SessionState}.
 * Senders queue and signal; the one attached receiving request ({@link HttpReceiver}) waits on
 * {@link #awaitFrame} and writes what it gets; the service's sweeper calls {@link #tick}.
 */
final class HttpSession extends SockJsSession {

    /** How long a newcomer waits for the attached receiver to check its client is still there. */
    private static final long PROBE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private final String sessionId;
    private final SessionRegistry registry;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final SessionState state;

    HttpSession(String sessionId, SessionRegistry registry, SockJsOptions options, InetSocketAddress remote,
                String path, WebSocketHandler handler, long now) {
        super(remote, path, handler);
        this.sessionId = sessionId;
        this.registry = registry;
        this.state = new SessionState(options.heartbeatInterval().toNanos(), options.disconnectDelay().toNanos(),
                options.maxQueuedChars(), now);
    }

    String sessionId() {
        return sessionId;
    }

    /**
     * Attaches a receiving request. When another one is attached, it is asked to check that
     * its client is still connected first (a client that just aborted it must not be told
     * 2010, SockJS 0.3.3 "Handling close"). {@code arrival} orders the requests (see
     * {@link SessionState#attach}): an attached one that arrived later and wrote nothing yet is
     * displaced and woken to write the 2010 frame itself.
     */
    Attach attach(Object receiver, long arrival) throws InterruptedException {
        lock.lock();
        try {
            Attach result = state.attach(receiver, arrival, System.nanoTime());
            if (result != Attach.BUSY) {
                changed.signalAll(); // a displaced receiver wakes to write its 2010
                return result;
            }
            state.requestProbe();
            changed.signalAll();
            long remaining = PROBE_WAIT_NANOS;
            while (state.hasReceiver() && state.probePending() && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            Attach retried = state.attach(receiver, arrival, System.nanoTime());
            changed.signalAll();
            return retried;
        } finally {
            lock.unlock();
        }
    }

    void detach(Object receiver) {
        lock.lock();
        try {
            state.detach(receiver, System.nanoTime());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** What a receiver waits for. */
    sealed interface Wake permits Frame, Probe, Displaced, Timeout {
    }

    record Frame(SockJsFrame frame) implements Wake {
    }

    record Probe() implements Wake {
    }

    /** An earlier-arrived request took this receiver's place: it writes 2010 and ends. */
    record Displaced() implements Wake {
    }

    record Timeout() implements Wake {
    }

    /** The next frame for {@code receiver}, a probe request, or a timeout after {@code maxWaitNanos}. */
    Wake awaitFrame(Object receiver, long maxWaitNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = maxWaitNanos;
            while (true) {
                if (state.takeDisplaced(receiver)) {
                    return new Displaced(); // before nextFrame: the queued messages are its successor's
                }
                SockJsFrame frame = state.nextFrame(System.nanoTime());
                if (frame != null) {
                    return new Frame(frame);
                }
                if (state.takeProbeRequest()) {
                    return new Probe();
                }
                if (remaining <= 0 || !state.isAttached(receiver)) {
                    return new Timeout();
                }
                remaining = changed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The attached receiver checked its client and found it there: the newcomer gets 2010. */
    void probeAnswered() {
        lock.lock();
        try {
            state.probeAnswered();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The receiving request broke off (client gone): the session closes with 1002 "Connection interrupted". */
    void interrupted(Object receiver) {
        boolean closedNow;
        lock.lock();
        try {
            // A displaced receiver's client leaving says nothing about the session's current one.
            closedNow = state.isAttached(receiver) && state.close(SockJsFrame.INTERRUPTED);
            state.detach(receiver, System.nanoTime());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (closedNow) {
            fireClosed(1002, "Connection interrupted", false, CloseStatus.Initiator.REMOTE);
        }
    }

    SockJsFrame closeFrame() {
        lock.lock();
        try {
            return state.closeFrame();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sendText(String text) {
        boolean fits;
        lock.lock();
        try {
            fits = state.queue(text);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (!fits) {
            // A receiver that stopped fetching must not exhaust the server's memory.
            close(1009, "Too many messages queued for this session");
            throw new IllegalStateException("the SockJS session's queue is full; the session is closed");
        }
    }

    @Override
    public void close(int code, String reason) {
        boolean closedNow;
        lock.lock();
        try {
            closedNow = state.close(SockJsFrame.close(code, reason));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (closedNow) {
            fireClosed(code, reason, true, CloseStatus.Initiator.LOCAL);
        }
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return state.phase() == SessionState.Phase.OPEN;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long bufferedAmount() {
        lock.lock();
        try {
            return state.queuedChars();
        } finally {
            lock.unlock();
        }
    }

    /** Heartbeat and expiry; an expired session is removed and, if still open, closed with 1006. */
    void tick(long now) {
        SessionState.Tick tick;
        boolean wasOpen;
        lock.lock();
        try {
            tick = state.tick(now);
            wasOpen = state.phase() != SessionState.Phase.CLOSING;
            if (tick == SessionState.Tick.EXPIRED && wasOpen) {
                state.close(SockJsFrame.close(1006, "Session timed out"));
            }
            if (tick != SessionState.Tick.NONE) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (tick == SessionState.Tick.EXPIRED) {
            registry.remove(this);
            if (wasOpen) {
                fireClosed(1006, "no receiving request within the SockJS disconnect delay", false,
                        CloseStatus.Initiator.LOCAL);
            }
        }
    }
}
