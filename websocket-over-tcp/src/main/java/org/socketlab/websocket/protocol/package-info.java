/**
 * The RFC 6455 connection as a state machine (OPEN → [CLOSE_PENDING] → CLOSING → CLOSED): bytes and
 * end-of-stream in, {@link org.socketlab.websocket.protocol.ProtocolEvent events} and encoded
 * frames out, time passed in as {@code long nowNanos}. No sockets, threads or clock reads: the
 * blocking adapters in {@code server}/{@code client} own those.
 *
 * <h2>Concurrency contract</h2>
 * <ul>
 *   <li>{@link org.socketlab.websocket.protocol.WebSocketProtocol} is <b>not thread-safe</b>. One
 *       owner at a time: typically the connection's reader thread calls {@code receive}, {@code tick}
 *       and the {@code poll} methods, and a writer that wants to {@code sendText} must take the same
 *       lock (or hand the call to the owner). Everything it returns (events, outgoing buffers) is
 *       new and may be passed to another thread.</li>
 *   <li>With permessage-deflate agreed (RFC 7692), the connection's compressor and decompressor
 *       live inside the protocol and follow the same rule: compression runs in the send methods,
 *       inflation in {@code receive}, both under the owner's lock.</li>
 *   <li>{@link org.socketlab.websocket.protocol.ProtocolConfig}, {@link org.socketlab.websocket.protocol.State}
 *       and the event records are immutable (an event's {@link java.nio.ByteBuffer} belongs to
 *       whoever polls it).</li>
 * </ul>
 */
package org.socketlab.websocket.protocol;
