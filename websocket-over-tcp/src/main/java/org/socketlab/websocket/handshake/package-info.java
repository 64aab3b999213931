/**
 * The WebSocket opening handshake (RFC 6455 §4): the accept key, the server's checks of the
 * client's request (method, version, Host, Upgrade, Connection, key, version, Origin,
 * subprotocols, extensions) and the client's checks of the server's 101 response.
 *
 * <p>Sans-I/O: works on {@link org.socketlab.websocket.http.HttpRequest} and
 * {@link org.socketlab.websocket.http.HttpResponse} values; no sockets, no threads, no clocks.
 *
 * <p><b>Concurrency contract.</b> {@link org.socketlab.websocket.handshake.ServerHandshake},
 * {@link org.socketlab.websocket.handshake.OriginPolicy}, {@link org.socketlab.websocket.handshake.HandshakePolicy}
 * and {@link org.socketlab.websocket.handshake.AcceptKey} are immutable and thread-safe: one
 * instance serves every connection of a server, provided the {@link org.socketlab.websocket.handshake.ExtensionNegotiator}
 * given to it is thread-safe too. A {@link org.socketlab.websocket.handshake.ClientHandshake} belongs to one
 * connection attempt; it is immutable once built. Its {@code Builder} is not thread-safe.
 */
package org.socketlab.websocket.handshake;
