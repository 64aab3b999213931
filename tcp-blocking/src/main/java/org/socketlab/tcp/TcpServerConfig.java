package org.socketlab.tcp;

import java.net.InetAddress;
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
        ServerSocketFactory serverSocketFactory) {
}
