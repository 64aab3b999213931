package org.socketlab.websocket.socketio.engine;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts handshakes per remote address in fixed windows ({@link SessionCaps#window()}). Its
 * memory is bounded too: at most {@link SessionCaps#maxTrackedAddresses()} addresses are
 * remembered; when that many are in their window, an address not yet known is admitted
 * uncounted (the per-server session cap still bounds what it can take).
 *
 * <p>Thread-safe (one monitor; the work per call is O(1) amortised). Time is passed in.
 */
final class HandshakeRateLimiter {

    private static final class Window {
        long startNanos;
        int count;
    }

    private final SessionCaps caps;
    private final Map<InetAddress, Window> windows = new LinkedHashMap<>(); // oldest window first

    HandshakeRateLimiter(SessionCaps caps) {
        this.caps = caps;
    }

    /** Counts one handshake from {@code address} at {@code nowNanos}; false if it exceeds the rate. */
    synchronized boolean tryAcquire(InetAddress address, long nowNanos) {
        if (address == null) {
            return true; // a transport that cannot tell the address: only the session cap applies
        }
        Window window = windows.get(address);
        if (window == null) {
            if (windows.size() >= caps.maxTrackedAddresses() && !evictExpired(nowNanos)) {
                return true;
            }
            window = new Window();
            window.startNanos = nowNanos;
            windows.put(address, window);
        } else if (nowNanos - window.startNanos >= caps.window().toNanos()) {
            windows.remove(address); // re-inserted last: the map stays ordered by window start
            window.startNanos = nowNanos;
            window.count = 0;
            windows.put(address, window);
        }
        if (window.count >= caps.maxHandshakesPerWindow()) {
            return false;
        }
        window.count++;
        return true;
    }

    synchronized int trackedAddresses() {
        return windows.size();
    }

    private boolean evictExpired(long nowNanos) {
        boolean evicted = false;
        Iterator<Window> oldestFirst = windows.values().iterator();
        while (oldestFirst.hasNext() && nowNanos - oldestFirst.next().startNanos >= caps.window().toNanos()) {
            oldestFirst.remove();
            evicted = true;
        }
        return evicted;
    }
}
