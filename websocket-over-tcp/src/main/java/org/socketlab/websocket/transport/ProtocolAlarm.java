package org.socketlab.websocket.transport;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One connection's wake-up call for the protocol's timers (ping interval, pong timeout, idle
 * timeout, close timeout — {@code WebSocketProtocol.nextDeadlineNanos()}).
 *
 * <p>Why not a read timeout: a timed read costs on every read, not only when a timer is due —
 * a virtual thread that parks in a timed read schedules (and then cancels) a timeout task, and
 * a platform thread's timed read becomes read → poll → read. The benchmark profile measured this
 * as the largest cost our server adds over the bare echo loop. So the reader blocks without a
 * timeout, and this alarm, armed only when a deadline exists, calls the connection back on one
 * shared timer thread when it is due.
 *
 * <p>Not thread-safe on its own: every method is called with the connection's protocol lock
 * held, except that {@link #fire} runs on the timer thread and takes that lock itself.
 */
final class ProtocolAlarm {

    private static final ScheduledThreadPoolExecutor TIMERS = newTimerThread();

    private final Runnable onDue;
    private long armedAtNanos = Long.MAX_VALUE;
    private ScheduledFuture<?> pending;
    private boolean cancelled;

    /** @param onDue runs on the shared timer thread when the armed deadline passes; must not block */
    ProtocolAlarm(Runnable onDue) {
        this.onDue = onDue;
    }

    /**
     * Makes sure the alarm goes off no later than {@code deadlineNanos}. An earlier alarm that is
     * already armed is kept: when it fires the connection re-arms for whatever is due then.
     * Deadlines that are already due are the caller's to handle (the reader ticks at once).
     */
    void arm(long deadlineNanos, long nowNanos) {
        if (cancelled || deadlineNanos == Long.MAX_VALUE || deadlineNanos <= nowNanos
                || deadlineNanos >= armedAtNanos) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        armedAtNanos = deadlineNanos;
        pending = TIMERS.schedule(onDue, deadlineNanos - nowNanos, TimeUnit.NANOSECONDS);
    }

    /** The alarm that just fired is spent; the next {@link #arm} schedules a new one. */
    void spent() {
        armedAtNanos = Long.MAX_VALUE;
        pending = null;
    }

    /** The connection is finished: no more alarms. */
    void cancel() {
        cancelled = true;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        armedAtNanos = Long.MAX_VALUE;
    }

    /**
     * Runs {@code task} once on the shared timer thread after {@code delayNanos} (used by
     * {@link TlsHandshakeDeadline}); the task must not block.
     */
    static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return TIMERS.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor newTimerThread() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("ws-protocol-timers").daemon(true).factory());
        timers.setRemoveOnCancelPolicy(true); // 10,000 re-armed idle timers must not pile up
        return timers;
    }
}
