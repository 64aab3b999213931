package org.socketlab.bench.load;

import java.time.Duration;

/**
 * One load run: {@code activeConnections} closed-loop senders (each waits for its echo before
 * sending again) and {@code idleConnections} open but silent, {@code messageBytes} per message,
 * a warm-up that is not recorded, then a fixed measurement window.
 */
public record LoadScenario(String server, int activeConnections, int idleConnections, int messageBytes,
                           Duration warmup, Duration measure) {

    public LoadScenario {
        if (activeConnections < 1 || idleConnections < 0 || messageBytes < 0) {
            throw new IllegalArgumentException("scenario needs ≥ 1 active connection, ≥ 0 idle, ≥ 0 bytes; got "
                    + activeConnections + ", " + idleConnections + ", " + messageBytes);
        }
    }

    /** Total open connections. */
    public int connections() {
        return activeConnections + idleConnections;
    }

    public String label() {
        return server + " C=" + connections() + (idleConnections > 0 ? " (" + activeConnections + " active)" : "")
                + " " + messageBytes + " B";
    }
}
