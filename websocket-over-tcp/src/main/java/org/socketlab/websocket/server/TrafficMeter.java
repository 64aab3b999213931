package org.socketlab.websocket.server;

/**
 * Where a route's bytes are counted, at the socket: the request head it answers (read before the
 * route was known), its body, its response, and after an upgrade every frame. The ticker counts
 * each technique's overhead this way (lab 07). Implementations must be thread-safe: a WebSocket's
 * reader and writer threads count at the same time.
 */
public interface TrafficMeter {

    void bytesIn(long count);

    void bytesOut(long count);
}
