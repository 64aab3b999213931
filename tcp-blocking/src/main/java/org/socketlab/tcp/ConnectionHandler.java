package org.socketlab.tcp;

import java.io.IOException;
import java.net.Socket;

/**
 * What a server does with one accepted connection.
 *
 * <p>The handler owns the socket for the duration of {@link #handle}: it reads, writes and
 * returns. {@link TcpServer} closes the socket after {@code handle} returns or throws, so a
 * handler never needs to close it (closing it early is harmless).
 *
 * <p>Which thread calls {@code handle} is decided by the server's {@link ConcurrencyStrategy}:
 * the accept thread itself (iterative), a new platform thread, a pool thread or a virtual
 * thread. Implementations shared by several connections must therefore be thread-safe.
 */
@FunctionalInterface
public interface ConnectionHandler {

    /**
     * Serves one connection until the peer is done or an error occurs.
     *
     * @param clientSocket the connected socket returned by {@code accept()}
     * @throws IOException when the connection fails; the server logs it with the remote
     *                     address and keeps serving everyone else
     */
    void handle(Socket clientSocket) throws IOException;
}
