package org.socketlab.tcp;

import java.net.SocketAddress;

/**
 * Observes the end of every connection a {@link TcpServer} served: tests and labs use it to
 * see <em>why</em> a connection was closed (timeout, reset, oversized frame, normal end).
 *
 * <p>Called on the thread that served the connection, after the socket was closed; an
 * implementation shared by many connections must be thread-safe and must not block.
 */
@FunctionalInterface
public interface ConnectionListener {

    /** A listener that ignores everything. */
    ConnectionListener NONE = (remote, reason) -> { };

    /**
     * @param remote the client's address
     * @param reason the exception that ended the connection, or {@code null} when the handler
     *               returned normally
     */
    void connectionClosed(SocketAddress remote, Throwable reason);
}
