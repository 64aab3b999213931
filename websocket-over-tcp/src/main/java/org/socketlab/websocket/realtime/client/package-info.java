/**
 * Hand-written clients of {@link org.socketlab.websocket.realtime.RealtimeServer}, one per
 * technique, each over a raw {@link java.net.Socket} that counts its bytes, and the lab 07
 * measurement ({@link org.socketlab.websocket.realtime.client.OverheadExperiment}).
 *
 * <h2>Concurrency contract</h2>
 * A {@link org.socketlab.websocket.realtime.client.TickerClient} runs its loop on one virtual
 * thread started by {@code start()}; the tick listener is called on that thread.
 * {@code close()} may be called from any thread. {@code WebSocketTickerClient.send} may be
 * called from any thread while open (frames are written one at a time).
 * {@link org.socketlab.websocket.realtime.client.ClientStats} is thread-safe and may be shared
 * by many clients. Options, configs and results are immutable records.
 */
package org.socketlab.websocket.realtime.client;
