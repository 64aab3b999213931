package org.socketlab.websocket.socketio.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How many Engine.IO sessions a server keeps, and how fast one remote address may open new
 * ones. Past either cap a handshake is answered 503 with {@code Retry-After} instead of
 * allocating a session: one client in a loop cannot exhaust the heap, and everyone else is
 * still served.
 *
 * @param maxSessions           open sessions per server (all addresses together)
 * @param maxHandshakesPerWindow new sessions one remote address may open per {@code window}
 * @param window                the rate window
 * @param maxTrackedAddresses   how many remote addresses the rate limiter remembers at once
 */
public record SessionCaps(int maxSessions, int maxHandshakesPerWindow, Duration window, int maxTrackedAddresses) {

    public SessionCaps {
        Objects.requireNonNull(window, "window");
        if (maxSessions < 1 || maxHandshakesPerWindow < 1 || maxTrackedAddresses < 1) {
            throw new IllegalArgumentException("caps must be at least 1, got maxSessions=" + maxSessions
                    + " maxHandshakesPerWindow=" + maxHandshakesPerWindow + " maxTrackedAddresses=" + maxTrackedAddresses);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the handshake window must be positive, got " + window);
        }
    }

    /**
     * 10,000 sessions per server; 300 handshakes per address per 10 s (a browser reconnecting
     * with back-off uses a few; a protocol test suite about 60); 10,000 tracked addresses.
     */
    public static SessionCaps defaults() {
        return new SessionCaps(10_000, 300, Duration.ofSeconds(10), 10_000);
    }

    public SessionCaps withMaxSessions(int value) {
        return new SessionCaps(value, maxHandshakesPerWindow, window, maxTrackedAddresses);
    }

    public SessionCaps withHandshakeRate(int perWindow, Duration per) {
        return new SessionCaps(maxSessions, perWindow, per, maxTrackedAddresses);
    }
}
