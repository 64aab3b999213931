/**
 * TCP is a byte stream: message boundaries are the application's job. This package holds
 * sans-I/O framers ({@link org.socketlab.tcp.framing.LineFramer},
 * {@link org.socketlab.tcp.framing.LengthPrefixFramer}) that are fed whatever bytes arrived
 * and return complete messages, a blocking {@link org.socketlab.tcp.framing.MessageStream}
 * on top of them, and {@link org.socketlab.tcp.framing.StreamBoundaryDemo}, which shows
 * writes coalescing and splitting on a real connection.
 *
 * <h2>Concurrency contract</h2>
 * Framers and message streams are not thread-safe: one per connection, used by the thread
 * that reads it (writes through a {@code MessageStream} may come from one other thread).
 * {@link org.socketlab.tcp.framing.FramedEchoHandler} is thread-safe (a framer per
 * connection). The demo's static methods are independent and may run concurrently.
 *
 * <h2>Errors</h2>
 * A peer that exceeds the size limit or sends a negative length gets a
 * {@link org.socketlab.tcp.framing.FramingException} (an {@code IOException}, so the server
 * closes the connection and logs the reason); a peer that disconnects mid-message gets an
 * {@code EOFException} stating how many bytes were buffered.
 */
package org.socketlab.tcp.framing;
