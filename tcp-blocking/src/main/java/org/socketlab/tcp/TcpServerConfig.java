package org.socketlab.tcp;

import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import javax.net.ServerSocketFactory;

/** The frozen settings of one {@link TcpServer}, built by {@link TcpServerBuilder}. */
record TcpServerConfig(
        InetAddress host,
        int port,
        int backlog,
        boolean reuseAddress,
        boolean tcpNoDelay,
        boolean keepAlive,
        Duration readTimeout,
        ConcurrencyStrategy strategy,
        ConnectionHandler handler,
        ConnectionListener connectionListener,
        ServerSocketFactory serverSocketFactory,
        int maxConnections,
        ConnectionHandler overflowHandler) {

    /** Applies the per-connection socket options to a socket just accepted; a refused option is logged, not fatal. */
    void configureAccepted(Socket clientSocket) {
        try {
            // SO_TIMEOUT: a read() that waits longer throws SocketTimeoutException, so a
            // stalled client cannot hold a thread forever.
            if (!readTimeout().isZero()) {
                // At least 1 ms: SO_TIMEOUT 0 would mean "wait forever", the opposite of what was asked.
                clientSocket.setSoTimeout((int) Math.max(1, readTimeout().toMillis()));
            }
            // TCP_NODELAY turns off Nagle's algorithm: small writes leave at once instead of
            // waiting for the ACK of earlier unacknowledged data.
            clientSocket.setTcpNoDelay(tcpNoDelay());
            // SO_KEEPALIVE: the kernel probes an idle connection (after ~2 h by default on
            // Linux) and reports a dead peer as an error on the next read.
            clientSocket.setKeepAlive(keepAlive());
        } catch (SocketException e) {
            System.getLogger(TcpServer.class.getName())
                    .log(System.Logger.Level.DEBUG, "could not set socket options: {0}", e.getMessage());
        }
    }
}
