package org.socketlab.tcp.wire;

import java.net.InetSocketAddress;

/**
 * One row of {@code /proc/net/tcp} or {@code /proc/net/tcp6}.
 *
 * @param local     local address and port
 * @param remote    remote address and port ({@code 0.0.0.0:0} for a listening socket)
 * @param state     TCP state
 * @param sendQueue {@code tx_queue}: bytes sent but not yet acknowledged by the peer
 * @param recvQueue {@code rx_queue}: bytes received but not yet read by the application; for a
 *                  LISTEN socket, finished handshakes waiting in the accept queue for {@code accept()}
 * @param inode     the socket's inode (0 for TIME_WAIT, which no process owns any more)
 */
public record TcpSocketEntry(InetSocketAddress local, InetSocketAddress remote, TcpState state,
                             long sendQueue, long recvQueue, long inode) {

    /** True when either end uses {@code port}. */
    public boolean involvesPort(int port) {
        return local.getPort() == port || remote.getPort() == port;
    }
}
