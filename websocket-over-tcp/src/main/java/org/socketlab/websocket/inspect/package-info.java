/**
 * Dissectors that name what flows through the {@link org.socketlab.tcp.wire.WireTap}: HTTP/1.1
 * messages (heads, Content-Length and chunked bodies, server-sent events), the WebSocket
 * opening handshake with its accept key checked, and WebSocket frames with their header fields,
 * unmasked payloads and close codes. {@link org.socketlab.websocket.inspect.WireTapMain} starts
 * the tap with {@link org.socketlab.websocket.inspect.HttpWebSocketDissector}.
 *
 * <p>Sans-I/O like the core: bytes in, annotated lines out; no sockets, threads or clock
 * (only {@code WireTapMain} hands the dissector to the tap, which owns the I/O). Dissectors
 * never throw for bad input: they report the problem with a leading {@code !} and the RFC
 * section, then resynchronise or fall back to counting raw bytes.
 *
 * <p>Concurrency contract: a dissector instance belongs to one relayed connection and is not
 * thread-safe; the tap calls it from the two relay threads under one lock, never concurrently.
 */
package org.socketlab.websocket.inspect;
