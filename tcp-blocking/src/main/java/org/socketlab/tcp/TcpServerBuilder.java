package org.socketlab.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ServerSocketFactory;

/**
 * Configuration of a {@link TcpServer} with safe defaults: loopback, port 0, backlog 50,
 * SO_REUSEADDR on, TCP_NODELAY on, no read timeout, virtual threads. Obtain one with
 * {@link TcpServer#builder()}.
 *
 * <p>Not thread-safe: configure on one thread, then call {@link #start()}.
 */
public final class TcpServerBuilder {
    private InetAddress host = InetAddress.getLoopbackAddress();
    private int port = 0;
    private int backlog = 50;
    private boolean reuseAddress = true;
    private boolean tcpNoDelay = true;
    private boolean keepAlive = false;
    private Duration readTimeout = Duration.ZERO;
    private ConcurrencyStrategy strategy;
    private ConnectionHandler handler;
    private ConnectionListener connectionListener = ConnectionListener.NONE;
    private ServerSocketFactory serverSocketFactory = ServerSocketFactory.getDefault();

    TcpServerBuilder() {
    }

    /** The interface to bind: loopback by default, {@code 0.0.0.0} for every interface. */
    public TcpServerBuilder host(InetAddress host) {
        this.host = Objects.requireNonNull(host, "host");
        return this;
    }

    public TcpServerBuilder host(String host) throws IOException {
        return host(InetAddress.getByName(host));
    }

    /** 0 (the default) asks the OS for a free ephemeral port. */
    public TcpServerBuilder port(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        this.port = port;
        return this;
    }

    /** Length of the queue of finished handshakes waiting for accept() (listen's backlog). */
    public TcpServerBuilder backlog(int backlog) {
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be at least 1, got " + backlog);
        }
        this.backlog = backlog;
        return this;
    }

    /** SO_REUSEADDR on the listening socket (default true). */
    public TcpServerBuilder reuseAddress(boolean reuseAddress) {
        this.reuseAddress = reuseAddress;
        return this;
    }

    /** TCP_NODELAY on accepted sockets (default true: Nagle off). */
    public TcpServerBuilder tcpNoDelay(boolean tcpNoDelay) {
        this.tcpNoDelay = tcpNoDelay;
        return this;
    }

    /** SO_KEEPALIVE on accepted sockets (default false). */
    public TcpServerBuilder keepAlive(boolean keepAlive) {
        this.keepAlive = keepAlive;
        return this;
    }

    /** SO_TIMEOUT for accepted sockets; {@link Duration#ZERO} (default) waits forever. */
    public TcpServerBuilder readTimeout(Duration readTimeout) {
        if (readTimeout.isNegative() || readTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("read timeout must be 0.." + Integer.MAX_VALUE
                    + " ms (SO_TIMEOUT is an int of milliseconds), got " + readTimeout);
        }
        this.readTimeout = readTimeout;
        return this;
    }

    public TcpServerBuilder strategy(ConcurrencyStrategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    public TcpServerBuilder handler(ConnectionHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** Told about the end of every connection, with the reason (default: nobody). */
    public TcpServerBuilder connectionListener(ConnectionListener connectionListener) {
        this.connectionListener = Objects.requireNonNull(connectionListener, "connectionListener");
        return this;
    }

    /** Where listening sockets come from: plain TCP by default, TLS with an SSLServerSocketFactory. */
    public TcpServerBuilder serverSocketFactory(ServerSocketFactory serverSocketFactory) {
        this.serverSocketFactory = Objects.requireNonNull(serverSocketFactory, "serverSocketFactory");
        return this;
    }

    /** Binds, starts listening and starts the accept thread. */
    public TcpServer start() throws IOException {
        if (handler == null) {
            throw new IllegalStateException("a TcpServer needs a handler: call handler(...) before start()");
        }
        ConcurrencyStrategy chosen = strategy != null ? strategy : ConcurrencyStrategy.virtualThreads();
        return TcpServer.start(new TcpServerConfig(host, port, backlog, reuseAddress, tcpNoDelay,
                keepAlive, readTimeout, chosen, handler, connectionListener, serverSocketFactory));
    }
}
