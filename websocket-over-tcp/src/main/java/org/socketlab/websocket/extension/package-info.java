/**
 * WebSocket extensions, starting with permessage-deflate (RFC 7692): negotiation of its four
 * parameters ({@link org.socketlab.websocket.extension.DeflateNegotiation}) and the per-message
 * compressor and decompressor ({@link org.socketlab.websocket.extension.MessageDeflater},
 * {@link org.socketlab.websocket.extension.MessageInflater}).
 *
 * <p>Sans-I/O like the rest of the core: byte buffers in, byte buffers out, no sockets, threads or
 * clocks. {@code java.util.zip} does the DEFLATE work (RFC 1951); what is hand-written here is the
 * lesson: what may be negotiated, where the {@code 00 00 ff ff} tail goes, and how a 10 MB bomb is
 * stopped after at most the message limit.
 *
 * <p><b>Concurrency contract.</b> {@link org.socketlab.websocket.extension.DeflateParameters},
 * {@link org.socketlab.websocket.extension.DeflateConfig} and
 * {@link org.socketlab.websocket.extension.DeflateNegotiation} are immutable and thread-safe. A
 * {@link org.socketlab.websocket.extension.MessageDeflater} or
 * {@link org.socketlab.websocket.extension.MessageInflater} belongs to one connection and one
 * direction: confine it to the thread that reads (inflater) or writes (deflater) that connection.
 */
package org.socketlab.websocket.extension;
