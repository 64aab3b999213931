package org.socketlab.websocket.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Adapter-level limits of one connection (the protocol's own limits live in its
 * {@code ProtocolConfig}).
 *
 * @param maxBufferedBytes outbound queue limit: senders wait once this many bytes are queued
 * @param sendTimeout      how long a sender waits for queue space before the connection is
 *                         declared stalled and aborted
 * @param closeTimeout     how long the adapter waits for queued bytes (the close frame among
 *                         them) to drain before it closes the socket anyway
 */
public record ConnectionSettings(long maxBufferedBytes, Duration sendTimeout, Duration closeTimeout) {

    public ConnectionSettings {
        if (maxBufferedBytes < 1) {
            throw new IllegalArgumentException("maxBufferedBytes must be at least 1, got " + maxBufferedBytes);
        }
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
    }
}
