package org.socketlab.websocket.server;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for every front-door write deadline in the JVM. Arming and cancelling cost
 * a heap insertion each; cancelled deadlines leave the queue at once
 * ({@code setRemoveOnCancelPolicy}), so 10,000 quiet connections leave no garbage behind.
 */
final class WriteTimer {

    private static final ScheduledThreadPoolExecutor TIMER = create();

    private WriteTimer() {
    }

    static ScheduledFuture<?> schedule(Runnable abort, long delayNanos) {
        return TIMER.schedule(abort, delayNanos, TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "http-write-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
