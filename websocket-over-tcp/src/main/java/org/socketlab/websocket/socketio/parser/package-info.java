/**
 * The Socket.IO protocol v5 packet codec, pure: {@code <type>[<attachments>-][<nsp>,][<ackId>][JSON]},
 * with binary arguments moved out into attachments ({@code {"_placeholder":true,"num":n}}) and
 * put back on decoding. JSON goes through Jackson.
 *
 * <p>Concurrency contract: {@link org.socketlab.websocket.socketio.parser.PacketEncoder} is
 * stateless and thread-safe; a {@link org.socketlab.websocket.socketio.parser.PacketDecoder}
 * belongs to one connection and is fed from one thread at a time.
 */
package org.socketlab.websocket.socketio.parser;
