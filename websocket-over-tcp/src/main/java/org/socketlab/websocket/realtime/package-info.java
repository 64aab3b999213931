/**
 * The HTTP-era answers to "how does the server tell the client something happened?" —
 * polling, long polling, HTTP streaming and server-sent events — next to WebSocket, all
 * serving one stock-price feed so their costs can be measured side by side.
 *
 * <h2>Parts</h2>
 * <ul>
 *   <li>Pure, no sockets, no threads, no clock reads: {@link org.socketlab.websocket.realtime.SseEvent},
 *       {@link org.socketlab.websocket.realtime.SseEncoder}, {@link org.socketlab.websocket.realtime.SseParser}
 *       (WHATWG HTML §9.2), {@link org.socketlab.websocket.realtime.ChunkedDecoder} (RFC 9112 §7.1),
 *       {@link org.socketlab.websocket.realtime.EventHistory}, {@link org.socketlab.websocket.realtime.Tick},
 *       {@link org.socketlab.websocket.realtime.Ticker} (time and seed injected),
 *       {@link org.socketlab.websocket.realtime.Envelopes}.</li>
 *   <li>Routes: {@link org.socketlab.websocket.realtime.RealtimeService} is a mount of the
 *       front door ({@code server.FrontDoor}), which reads every request; each technique is a
 *       small class; the front door's metered socket counts every byte per technique
 *       ({@link org.socketlab.websocket.realtime.TrafficStats} is the meter). {@code /ws} goes
 *       through the front door's single upgrade path.
 *       {@link org.socketlab.websocket.realtime.RealtimeServer} is the ticker on a front door of
 *       its own.</li>
 *   <li>Clients and measurement: {@link org.socketlab.websocket.realtime.client}.</li>
 * </ul>
 *
 * <h2>Concurrency contract</h2>
 * <ul>
 *   <li>Parsers, encoders with state ({@code SseParser}, {@code ChunkedDecoder}) and
 *       {@code EventHistory} are not thread-safe: one owner each ({@code Ticker} guards its history).</li>
 *   <li>{@code Ticker} is thread-safe. Listeners run on the publishing thread under the feed's
 *       lock, in id order, and must not block: every route only queues the tick.</li>
 *   <li>{@code RealtimeServer}, {@code RealtimeService}, {@code TrafficStats} are thread-safe. A
 *       request, and the stream it may turn into, run on the connection's own virtual thread
 *       (a stream probes for the client's end of stream between events). WebSocket connections
 *       follow the {@code transport} package's contract (one reader, serialised writes).</li>
 * </ul>
 */
package org.socketlab.websocket.realtime;
