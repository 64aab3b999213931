package org.socketlab.websocket.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One thread, one {@link Selector}, many connections: the readiness loop of
 * {@code tcp.nonblocking.SelectorEchoServer}, run for WebSocket connections. Each turn waits in
 * {@code select} ({@code epoll_wait} on Linux) until a channel is ready, a task arrives or the
 * earliest timer is due, then handles the ready keys, the tasks and the due timers — all on
 * this thread, so a connection's state needs no lock against its own loop.
 *
 * <p>Thread-safe: {@link #execute} may be called from any thread (it wakes the selector);
 * {@link #schedule} and {@link #register} only on the loop thread.
 */
final class EventLoop implements Runnable {

    private static final Logger LOG = System.getLogger(EventLoop.class.getName());
    private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();
    /** Size of the loop's one read buffer (see {@link #readBuffer()}). */
    static final int READ_BUFFER_BYTES = 64 * 1024;

    /** What a registered channel's attachment does when its key is ready or its timer is due. */
    interface Handler {
        void ready(SelectionKey key);

        /** @param deadlineNanos the deadline this call was scheduled for (stale ones may come) */
        void timerDue(long deadlineNanos, long nowNanos);

        /** The loop is stopping: close at once and report the loss. */
        void loopClosed();
    }

    /** A timer entry; stale entries (the connection moved its deadline) are skipped when due. */
    private record Timer(long deadlineNanos, long sequence, Handler handler) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byDeadline = Long.compare(deadlineNanos, other.deadlineNanos);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    private final String name;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** Connections registered and not yet finished (loop thread only): told when the loop stops. */
    private final java.util.Set<Handler> registered = new java.util.HashSet<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    /**
     * The one read buffer of this loop, shared by all its connections: a loop reads one channel
     * at a time and the protocol copies out whatever it keeps past {@code receive}, so a
     * connection holds no read buffer of its own and none is borrowed from a pool per event.
     * Large enough that a 16 KiB message (16,398 bytes on the wire) arrives in one {@code read}
     * (Netty's adaptive allocator grows to 64 KiB for the same reason). Allocated on first use.
     */
    private ByteBuffer readBuffer;
    private final java.util.function.Consumer<SelectionKey> onReady = this::ready;
    private long timerSequence;
    private volatile boolean closing;
    private Thread thread;

    EventLoop(String name) {
        this.name = name;
        try {
            this.selector = Selector.open(); // epoll_create
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a selector for " + name, e);
        }
    }

    void start() {
        thread = Thread.ofPlatform().name(name).daemon(true).start(this);
    }

    /** True on any event-loop thread (of any group): such a thread must never block. */
    static boolean onAnyLoop() {
        return CURRENT.get() != null;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread soon; never blocks. */
    void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * Loop thread only: this loop's read buffer, cleared. Its contents are valid until the loop
     * reads again, which is never before the caller returns to the loop.
     */
    ByteBuffer readBuffer() {
        if (readBuffer == null) {
            readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
        }
        return readBuffer.clear();
    }

    /** Loop thread only: registers {@code channel} (already non-blocking) for {@code ops}. */
    SelectionKey register(SocketChannel channel, int ops, Handler handler) throws ClosedChannelException {
        SelectionKey key = channel.register(selector, ops, handler); // epoll_ctl(EPOLL_CTL_ADD)
        registered.add(handler);
        return key;
    }

    /** Loop thread only: the connection has finished (its channel is closed). */
    void deregister(Handler handler) {
        registered.remove(handler);
    }

    /**
     * Loop thread only: calls {@code handler.timerDue} at {@code deadlineNanos} or a little
     * after. A handler that moves its deadline schedules again and ignores the stale call.
     */
    void schedule(long deadlineNanos, Handler handler) {
        timers.add(new Timer(deadlineNanos, timerSequence++, handler));
    }

    @Override
    public void run() {
        CURRENT.set(this);
        try {
            while (!closing) {
                select();
                runTasks();
                runDueTimers();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, name + " stopped by " + e, e);
        } finally {
            closeEverything();
            ended.countDown();
        }
    }

    /**
     * Waits for readiness and hands each ready key to its handler as the kernel reports it
     * ({@link Selector#select(java.util.function.Consumer, long)}): no selected-key set to fill,
     * iterate and clear, so a turn allocates nothing of its own.
     */
    private void select() throws IOException {
        if (!tasks.isEmpty()) {
            selector.selectNow(onReady);
        } else {
            long waitNanos = timers.isEmpty() ? 0 : timers.peek().deadlineNanos() - System.nanoTime();
            if (!timers.isEmpty() && waitNanos <= 0) {
                selector.selectNow(onReady);
            } else {
                // A timeout of 0 waits without limit; round up so a timer is never run early.
                selector.select(onReady, timers.isEmpty() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
            }
        }
        wakeupPending.set(false);
    }

    private void ready(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        try {
            ((Handler) key.attachment()).ready(key);
        } catch (RuntimeException e) {
            // One connection's bug must not stop the loop that serves thousands of others.
            LOG.log(Level.WARNING, name + ": a connection failed on the loop", e);
        }
    }

    private void runTasks() {
        // Only the tasks queued so far: a task that queues another must not starve the selector.
        for (int i = tasks.size(); i > 0; i--) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            guarded(task);
        }
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().deadlineNanos() <= now) {
            Timer due = timers.poll();
            guarded(() -> due.handler().timerDue(due.deadlineNanos(), now));
        }
    }

    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // One connection's bug must not stop the loop that serves thousands of others.
            LOG.log(Level.WARNING, name + ": a connection failed on the loop", e);
        }
    }

    /** Stops the loop: every connection still registered is closed and told (1006). */
    void close() {
        closing = true;
        selector.wakeup();
    }

    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }

    private void closeEverything() {
        runTasks();
        // Not selector.keys(): a channel closed from outside (a forced stop) has a cancelled key
        // that may already be gone from it, and its connection must still be told.
        List<Handler> handlers = new ArrayList<>(registered);
        for (Handler handler : handlers) {
            guarded(handler::loopClosed);
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "{0}: selector close failed: {1}", name, e.toString());
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
