package org.socketlab.tcp.nonblocking;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An echo server with ONE thread for every connection: non-blocking sockets and a readiness loop
 * ({@link Selector}, i.e. {@code epoll} on Linux). Compare it with {@link org.socketlab.tcp.TcpServer}
 * and {@link org.socketlab.tcp.EchoHandler}, where each connection has a thread that sleeps inside
 * {@code read()}; here the only place the thread sleeps is {@code select()}, and it wakes up with a
 * list of sockets that can be read or written without waiting.
 *
 * <pre>{@code
 * try (SelectorEchoServer server = SelectorEchoServer.start(InetAddress.getLoopbackAddress(), 0)) {
 *     System.out.println("listening on " + server.localAddress());
 * }
 * }</pre>
 *
 * <p>The same four steps as the blocking server start it — socket, bind, listen — but accept()
 * happens inside the loop, when the listening socket is readable.
 */
public final class SelectorEchoServer implements AutoCloseable {

    private static final Logger LOG = System.getLogger(SelectorEchoServer.class.getName());

    private final Selector selector;
    private final ServerSocketChannel listeningChannel;
    private final int bufferBytes;
    private final int maxConnections;
    private final SelectorStats stats = new SelectorStats();
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private final Thread loopThread;
    private volatile int connections;
    private volatile boolean stopping;

    private SelectorEchoServer(InetAddress host, int port, int bufferBytes, int maxConnections) throws IOException {
        this.bufferBytes = bufferBytes;
        this.maxConnections = maxConnections;
        // epoll_create1(): the kernel object that will watch every socket for us.
        this.selector = Selector.open();
        try {
            // socket(): an unbound listening channel; bind() and listen() in one call, as in TcpServer.
            this.listeningChannel = ServerSocketChannel.open();
            listeningChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listeningChannel.bind(new InetSocketAddress(host, port), 1024);
            // O_NONBLOCK: accept() returns null instead of waiting when no connection is queued.
            listeningChannel.configureBlocking(false);
            // epoll_ctl(ADD, listening fd, EPOLLIN): "readable" here means "a connection is waiting".
            listeningChannel.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
        this.loopThread = Thread.ofPlatform().name("event-loop-" + port()).daemon(true).start(this::loop);
        LOG.log(Level.DEBUG, "selector echo server on {0}", localAddress());
    }

    /** Starts with a 16 KiB buffer per connection and at most 10,000 connections. */
    public static SelectorEchoServer start(InetAddress host, int port) throws IOException {
        return start(host, port, 16 * 1024, 10_000);
    }

    /**
     * @param bufferBytes    per connection: bytes read and not yet echoed (also the largest read)
     * @param maxConnections connections past this are closed at once after accept()
     */
    public static SelectorEchoServer start(InetAddress host, int port, int bufferBytes, int maxConnections)
            throws IOException {
        Objects.requireNonNull(host, "host");
        if (bufferBytes < 1) {
            throw new IllegalArgumentException("bufferBytes is " + bufferBytes + "; it must be at least 1");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections is " + maxConnections + "; it must be at least 1");
        }
        return new SelectorEchoServer(host, port, bufferBytes, maxConnections);
    }

    /** The event loop: wait for readiness, handle every ready socket, repeat. */
    private void loop() {
        try {
            while (!stopping) {
                selector.select();                    // epoll_wait(): the only place this thread sleeps
                stats.selects.increment();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();                   // the selected set is ours to empty
                    stats.readyKeys.increment();
                    handle(key);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!stopping) {
                LOG.log(Level.ERROR, "event loop failed: {0}", e.toString());
            }
        } finally {
            closeEverything();
            loopEnded.countDown();
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            acceptAll();
            return;
        }
        EchoChannel connection = (EchoChannel) key.attachment();
        try {
            EchoChannel.Next next = key.isReadable() ? connection.onReadable(key) : connection.onWritable(key);
            if (next == EchoChannel.Next.CLOSE) {
                close(key);
            }
        } catch (IOException e) {
            // One client's reset or broken pipe ends that connection only; the loop goes on.
            LOG.log(Level.DEBUG, "connection {0} closed: {1}", remote(connection.channel()), e.toString());
            close(key);
        }
    }

    /** Accepts every queued connection (edge of the backlog), each registered for reads. */
    private void acceptAll() {
        while (true) {
            SocketChannel channel;
            try {
                channel = listeningChannel.accept();  // non-blocking accept(): null when the queue is empty
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accept failed: {0}", e.toString()); // e.g. EMFILE; try again next wake-up
                return;
            }
            if (channel == null) {
                return;
            }
            register(channel);
        }
    }

    private void register(SocketChannel channel) {
        try {
            if (connections >= maxConnections) {
                LOG.log(Level.DEBUG, "refusing {0}: {1} connections open", remote(channel), connections);
                channel.close();
                return;
            }
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            EchoChannel connection = new EchoChannel(channel, bufferBytes, stats);
            channel.register(selector, SelectionKey.OP_READ, connection); // epoll_ctl(ADD, fd, EPOLLIN)
            connections++;
            stats.accepts.increment();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not register {0}: {1}", remote(channel), e.toString());
            closeQuietly(channel);
        }
    }

    private void close(SelectionKey key) {
        key.cancel();                                 // epoll_ctl(DEL) at the next select()
        closeQuietly(key.channel());
        connections--;
    }

    private void closeEverything() {
        try {
            for (SelectionKey key : selector.keys()) {
                closeQuietly(key.channel());
            }
            selector.close();
        } catch (ClosedSelectorException | IOException ignored) {
            // Already closed.
        }
        connections = 0;
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) listeningChannel.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the server is closed", e);
        }
    }

    public int port() {
        return localAddress().getPort();
    }

    /** Open connections (read by another thread: a recent value, not a lock-step one). */
    public int activeConnections() {
        return connections;
    }

    public SelectorStats stats() {
        return stats;
    }

    /** The loop thread: one for every connection, which is the point. */
    public Thread loopThread() {
        return loopThread;
    }

    /** Stops the loop and closes every connection; returns when the loop thread has ended. */
    public boolean stop(Duration timeout) {
        stopping = true;
        selector.wakeup();                            // select() returns at once
        try {
            boolean ended = loopEnded.await(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    && loopThread.join(timeout);
            closeQuietly(listeningChannel);
            return ended;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    private static String remote(SocketChannel channel) {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "a closed socket";
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Best effort: the peer may be gone already.
        }
    }
}
