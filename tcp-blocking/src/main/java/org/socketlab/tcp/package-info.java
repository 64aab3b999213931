/**
 * Blocking TCP with {@code java.net}: the server sequence socket → bind → listen → accept,
 * the client sequence socket → connect, and what a server does with many clients.
 *
 * <h2>Concurrency contract</h2>
 * <ul>
 *   <li>{@link org.socketlab.tcp.TcpServer}: a started server is thread-safe; {@code stop} may
 *       be called from any thread, repeatedly. One platform thread runs the accept loop; the
 *       {@link org.socketlab.tcp.ConcurrencyStrategy} decides which thread runs each
 *       {@link org.socketlab.tcp.ConnectionHandler} (the accept thread itself, a new platform
 *       thread, a pool thread or — by default — a virtual thread).</li>
 *   <li>Exactly one thread runs the handler of a connection; the socket is closed by the server
 *       when the handler returns or throws. A handler instance shared by connections must be
 *       thread-safe ({@link org.socketlab.tcp.EchoHandler} is stateless).</li>
 *   <li>{@link org.socketlab.tcp.ConnectionListener}s are called on the connection's thread.</li>
 *   <li>{@link org.socketlab.tcp.EchoClient} is not thread-safe; it uses one extra virtual
 *       thread internally to write while the caller reads, so large messages cannot deadlock.</li>
 *   <li>A strategy belongs to one server: {@code stop} shuts it down for good.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * A peer's misbehaviour (timeout, reset, disconnect mid-message, oversized frame) ends only
 * that connection: the handler's {@code IOException} is logged with the remote address and a
 * plain reason ({@link org.socketlab.tcp.CloseReasons}). An unchecked failure on the accept
 * thread — an {@code OutOfMemoryError} during a flood, a strategy that cannot start a thread —
 * is logged at ERROR and survived after a short pause: the loop never dies while the server
 * runs ({@code TcpServer.acceptLoopErrors()} counts them). The caller's mistakes (a bad port,
 * a missing handler) are {@code IllegalArgumentException}/{@code IllegalStateException}.
 */
package org.socketlab.tcp;
