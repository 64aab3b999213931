package org.socketlab.websocket.realtime.client;

import org.socketlab.websocket.realtime.Technique;

/**
 * What one technique cost while delivering the feed, counted at the server's sockets
 * (requests, bytes, payload, empty responses, connections) and at the clients (latency).
 *
 * @param requests       HTTP requests the server answered (a WebSocket makes one: the upgrade)
 * @param connections    TCP connections accepted (each also costs a handshake not in the bytes)
 * @param bytesUp        bytes from clients to the server
 * @param bytesDown      bytes from the server to clients
 * @param payloadBytes   bytes of event JSON delivered; everything else is overhead
 * @param events         events delivered (summed over clients)
 * @param emptyResponses responses that carried no event
 */
public record TechniqueResult(Technique technique, int clients, long requests, long connections, long bytesUp,
                              long bytesDown, long payloadBytes, long events, long emptyResponses,
                              ClientStats.Latency latency) {

    /** Request lines, headers, chunk sizes, SSE field names, frame headers: both directions. */
    public long overheadBytes() {
        return bytesUp + bytesDown - payloadBytes;
    }

    /** Overhead bytes per delivered event (0 events: the whole overhead). */
    public double overheadPerEvent() {
        return events == 0 ? overheadBytes() : (double) overheadBytes() / events;
    }

    /** Share of all bytes on the wire that was event payload, 0..1. */
    public double payloadShare() {
        long total = bytesUp + bytesDown;
        return total == 0 ? 0 : (double) payloadBytes / total;
    }
}
