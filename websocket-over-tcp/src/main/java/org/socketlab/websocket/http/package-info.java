/**
 * Minimal HTTP/1.1 (RFC 9110, RFC 9112): resumable request and response parsers with a size limit
 * on everything they read, header fields, and writers for Content-Length and chunked bodies.
 *
 * <p>Sans-I/O: no sockets, no threads, no clocks. Bytes go in as {@link java.nio.ByteBuffer}s,
 * messages and {@code byte[]}s come out.
 *
 * <p><b>Concurrency contract.</b> Parsers and {@link org.socketlab.websocket.http.ChunkedEncoder}
 * are stateful and not thread-safe: one connection's reader thread owns each instance.
 * {@link org.socketlab.websocket.http.HttpHeaders} is mutable and not thread-safe; requests and
 * responses are otherwise immutable and may be shared once their headers are no longer modified.
 * {@link org.socketlab.websocket.http.HttpLimits} and the static helpers are immutable/stateless.
 */
package org.socketlab.websocket.http;
