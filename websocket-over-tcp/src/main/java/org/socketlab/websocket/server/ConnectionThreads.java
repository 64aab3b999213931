package org.socketlab.websocket.server;

import java.util.concurrent.Executors;
import org.socketlab.tcp.ConcurrencyStrategy;

/**
 * Which threads read the connections of a {@link WebSocketServer}: one per connection either
 * way, run by a tcp-blocking {@link ConcurrencyStrategy}. Each connection also has a virtual
 * writer thread, which only works when a send finds another write in progress.
 *
 * <ul>
 *   <li>{@link #VIRTUAL} (the default) — cheap to park: 10,000 idle connections cost a few
 *       KiB each. A blocked read is parked on the JDK's poller, so each message that arrives
 *       costs a poller wake-up and a hop through the virtual-thread scheduler.</li>
 *   <li>{@link #PLATFORM} — an OS thread per connection, woken by the kernel straight out of
 *       {@code read()}: lower latency per message while connections are few, but every
 *       thread reserves a stack (tens of KiB of RSS when idle) and the kernel schedules them
 *       all.</li>
 *   <li>{@link #EVENT_LOOP} — one selector loop per core drives every WebSocket connection
 *       (non-blocking reads and writes, timers on the loop, handler callbacks on the loop
 *       thread: a handler must not block there). The HTTP requests and the opening handshake
 *       still run on virtual threads; the connection moves to a loop once the upgrade's route
 *       has returned. {@code wss://} connections stay on virtual threads (see
 *       {@code docs/event-loop.md}).</li>
 * </ul>
 */
public enum ConnectionThreads {
    VIRTUAL,
    PLATFORM,
    EVENT_LOOP;

    /** The system property that changes the builders' default (e.g. to run a whole suite on the loops). */
    public static final String DEFAULT_PROPERTY = "socketlab.websocket.connectionThreads";

    /**
     * What a builder uses unless told: {@link #VIRTUAL}, or the value of the system property
     * {@value #DEFAULT_PROPERTY} ({@code -Dsocketlab.websocket.connectionThreads=EVENT_LOOP}
     * moves every server of a JVM — demos, tests — to the event loop without a code change).
     */
    public static ConnectionThreads configuredDefault() {
        String configured = System.getProperty(DEFAULT_PROPERTY, "").trim();
        if (configured.isEmpty()) {
            return VIRTUAL;
        }
        try {
            return valueOf(configured.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("system property " + DEFAULT_PROPERTY + " is \"" + configured
                    + "\"; it must be VIRTUAL, PLATFORM or EVENT_LOOP", e);
        }
    }

    /** A fresh strategy for one server. */
    ConcurrencyStrategy strategy() {
        return switch (this) {
            case VIRTUAL, EVENT_LOOP -> ConcurrencyStrategy.virtualThreads();
            // Not ConcurrencyStrategy.threadPerConnection(): that one is lab 02's exercise and is a
            // TODO stub in the student starter, which must not break the WebSocket server.
            case PLATFORM -> new ConcurrencyStrategy.ExecutorStrategy("platform-threads",
                    Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("ws-pconn-", 0).factory()));
        };
    }
}
