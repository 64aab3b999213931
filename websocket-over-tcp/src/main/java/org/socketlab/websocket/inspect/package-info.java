/**
 * Tools to look at the bytes this course sends over TCP.
 *
 * <ul>
 *   <li>{@link org.socketlab.websocket.inspect.FrameDump} (bytes through tcp-blocking's {@link org.socketlab.tcp.wire.HexDump})
 *       — an annotated, field-by-field view of complete frames in a buffer (lab 09, and the
 *       wire tap's {@code --frame-fields} view). Pure functions of the bytes they are given:
 *       thread-safe, no I/O, and they never move the caller's buffer position.</li>
 *   <li>{@link org.socketlab.websocket.inspect.HttpWebSocketDissector} — the streaming dissector the
 *       {@link org.socketlab.tcp.wire.WireTap} plugs in: HTTP/1.1 messages (heads, Content-Length
 *       and chunked bodies, server-sent events), the WebSocket opening handshake with its accept
 *       key checked, then WebSocket frames cut anywhere by TCP, with their header fields, unmasked
 *       payloads, close codes and permessage-deflate messages inflated.
 *       {@link org.socketlab.websocket.inspect.WireTapMain} starts the tap with it.</li>
 * </ul>
 *
 * <p>Sans-I/O like the core: bytes in, text out; no sockets, threads or clock (only
 * {@code WireTapMain} hands the dissector to the tap, which owns the I/O). Dissectors never
 * throw for bad input: they report the problem with a leading {@code !} and the RFC section,
 * then resynchronise or fall back to counting raw bytes.
 *
 * <p>Concurrency contract: {@code FrameDump} is stateless. A dissector
 * instance belongs to one relayed connection and is not thread-safe; the tap calls it from the
 * two relay threads under one lock, never concurrently.
 */
package org.socketlab.websocket.inspect;
