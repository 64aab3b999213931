package org.socketlab.tcp.nonblocking;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import javax.net.ServerSocketFactory;

/**
 * Server sockets backed by a {@link ServerSocketChannel}, for a {@code TcpServer} whose
 * connections may later move to a {@link java.nio.channels.Selector}: a socket accepted by a
 * plain {@link ServerSocket} has no channel ({@code socket.getChannel()} is null), one accepted
 * through {@code ServerSocketChannel.open().socket()} has one. The accepted sockets still work as
 * blocking sockets (streams, {@code SO_TIMEOUT}) until their channel is switched to
 * non-blocking with {@code configureBlocking(false)}.
 *
 * <p>Thread-safe (stateless).
 */
public final class ChannelServerSockets extends ServerSocketFactory {

    private static final ChannelServerSockets INSTANCE = new ChannelServerSockets();

    private ChannelServerSockets() {
    }

    public static ServerSocketFactory factory() {
        return INSTANCE;
    }

    /** An unbound server socket whose accepted sockets have channels. */
    @Override
    public ServerSocket createServerSocket() throws IOException {
        return ServerSocketChannel.open().socket(); // socket(): the ServerSocket view of the channel
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return bound(new InetSocketAddress(port), 50);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return bound(new InetSocketAddress(port), backlog);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        return bound(new InetSocketAddress(address, port), backlog);
    }

    private ServerSocket bound(InetSocketAddress address, int backlog) throws IOException {
        ServerSocket socket = createServerSocket();
        try {
            socket.bind(address, backlog);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
