package org.socketlab.websocket.server;

import org.socketlab.tcp.ConcurrencyStrategy;

/**
 * Which threads read the connections of a {@link WebSocketServer} (one per connection either
 * way; each maps to a strategy of tcp-blocking's {@link ConcurrencyStrategy}).
 *
 * <ul>
 *   <li>{@link #VIRTUAL} (the default) — cheap to park: 10,000 idle connections cost a few
 *       KiB each. A blocked read is parked on the JDK's poller, so each message that arrives
 *       costs a poller wake-up and a hop through the virtual-thread scheduler.</li>
 *   <li>{@link #PLATFORM} — an OS thread per connection, woken by the kernel straight out of
 *       {@code read()}: lower latency per message while connections are few, but every
 *       thread reserves a stack (tens of KiB of RSS when idle) and the kernel schedules them
 *       all.</li>
 * </ul>
 */
public enum ConnectionThreads {
    VIRTUAL,
    PLATFORM;

    /** A fresh strategy for one server. */
    ConcurrencyStrategy strategy() {
        return switch (this) {
            case VIRTUAL -> ConcurrencyStrategy.virtualThreads();
            case PLATFORM -> ConcurrencyStrategy.threadPerConnection();
        };
    }
}
