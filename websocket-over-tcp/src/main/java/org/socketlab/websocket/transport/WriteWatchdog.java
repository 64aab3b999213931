package org.socketlab.websocket.transport;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The send timeout that {@code java.net} lacks: a blocking {@code write} to a peer that reads
 * nothing waits forever, and when the reader thread itself is the one writing (the direct path
 * of {@link SocketWriter}), its protocol timers stop too. One shared daemon thread looks at every
 * registered writer each {@link #SCAN_INTERVAL} and closes the socket of any write that has made
 * no progress for longer than its connection's send timeout; closing the socket ends the blocked
 * {@code write} with an exception, and the connection reports 1006.
 *
 * <p>Cheap on purpose: a write costs one volatile store at its start and end; the scan reads one
 * volatile per connection (10,000 connections: a few microseconds, ten times a second).
 *
 * <p>Thread-safe: connections register from their reader thread and unregister when done.
 */
final class WriteWatchdog {

    /** How late past the send timeout a stalled write may be noticed, at most. */
    static final Duration SCAN_INTERVAL = Duration.ofMillis(100);

    private static final Logger LOG = System.getLogger(WriteWatchdog.class.getName());
    private static final WriteWatchdog SHARED = new WriteWatchdog(true);

    /** One watched connection: its writer, its send timeout, and how to abort it. */
    record Watched(String id, SocketWriter writer, long timeoutNanos, Runnable abort) {
        boolean stalled(long now) {
            long started = writer.writeStartedNanos();
            return started != 0 && now - started > timeoutNanos;
        }
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final boolean scanInBackground;
    private volatile Thread scanner;

    /** @param scanInBackground false for tests, which call {@link #scan} with a clock of their own */
    WriteWatchdog(boolean scanInBackground) {
        this.scanInBackground = scanInBackground;
    }

    static WriteWatchdog shared() {
        return SHARED;
    }

    /** Starts watching; {@code abort} runs (once per stall) on the watchdog thread. */
    Watched watch(String id, SocketWriter writer, Duration sendTimeout, Runnable abort) {
        Watched entry = new Watched(id, writer, sendTimeout.toNanos(), abort);
        watched.add(entry);
        if (scanInBackground) {
            ensureScanner();
        }
        return entry;
    }

    void unwatch(Watched entry) {
        if (entry != null) {
            watched.remove(entry);
        }
    }

    /** One pass; visible for tests. Returns how many connections were aborted. */
    int scan(long now) {
        int aborted = 0;
        for (Watched entry : watched) {
            if (entry.stalled(now)) {
                watched.remove(entry); // abort once; the connection is finished anyway
                LOG.log(Level.DEBUG, "{0}: the peer read nothing for {1} ms during a write; closing the socket",
                        entry.id(), TimeUnit.NANOSECONDS.toMillis(entry.timeoutNanos()));
                try {
                    entry.abort().run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "aborting " + entry.id() + " failed", e);
                }
                aborted++;
            }
        }
        return aborted;
    }

    private void ensureScanner() {
        if (scanner == null) {
            synchronized (this) {
                if (scanner == null) {
                    scanner = Thread.ofPlatform().daemon().name("ws-write-watchdog").start(this::scanForever);
                }
            }
        }
    }

    private void scanForever() {
        while (true) {
            try {
                // A periodic scan is the whole job of this thread; nothing to wait for but time.
                Thread.sleep(SCAN_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            scan(System.nanoTime());
        }
    }
}
