package org.socketlab.tcp;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link TcpServer}'s book of connections: which are open, how many hold a slot of
 * {@code maxConnections}, which were detached to an owner that outlives their handler (an event
 * loop), and the one place a connection is closed, its slot freed and the
 * {@link ConnectionListener} told — exactly once per connection, whoever finishes it.
 *
 * <p>Thread-safe: the accept thread registers, handler threads finish, owners release, and
 * {@code stop} waits and force-closes, all at once.
 */
final class ConnectionRegistry {

    private static final Logger LOG = System.getLogger(ConnectionRegistry.class.getName());

    private final TcpServerConfig config;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Connections being served by the main handler (not the overflow handler). */
    private final AtomicInteger admitted = new AtomicInteger();
    /** Connections whose handler returned but whose new owner (e.g. an event loop) keeps them open. */
    private final Map<Socket, Detached> detached = new ConcurrentHashMap<>();

    ConnectionRegistry(TcpServerConfig config) {
        this.config = config;
    }

    /**
     * Records an accepted connection and decides, in accept order, whether it gets a slot of
     * {@code maxConnections} (exact even when handler threads start late).
     *
     * @return true when admitted: served by the main handler; false: by the overflow handler
     */
    boolean register(Socket socket) {
        open.add(socket);
        boolean admittedHere = config.maxConnections() == 0 || admitted.get() < config.maxConnections();
        if (admittedHere) {
            admitted.incrementAndGet();
        }
        return admittedHere;
    }

    /**
     * The connection could not be dispatched: close it and free its slot. Whoever removes the
     * socket from the open set (here or {@link #handlerEnded}) releases it, so it is released once.
     */
    void dispatchFailed(Socket socket, boolean admittedHere) {
        if (open.remove(socket)) {
            closeQuietly(socket);
            if (admittedHere) {
                admitted.decrementAndGet();
            }
        }
    }

    /** The handler returned ({@code reason} null) or failed: finish the connection unless it was detached. */
    void handlerEnded(Socket socket, boolean admittedHere, SocketAddress remote, Throwable reason) {
        Detached owner = detached.get(socket);
        if (owner != null && reason == null) {
            owner.handlerReturned(admittedHere, remote);
        } else {
            finish(socket, admittedHere, remote, reason);
            if (owner != null) {
                forget(owner); // detached, but its handler failed: it ends with it
            }
        }
    }

    /** See {@link TcpServer#detach(Socket)}. */
    Runnable detach(Socket socket) {
        Detached owner = new Detached(socket);
        detached.put(socket, owner);
        return owner::release;
    }

    /** Waits until no detached connection is left, or the deadline passes. */
    boolean awaitDetached(long deadlineNanos) throws InterruptedException {
        synchronized (detached) {
            while (!detached.isEmpty()) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                detached.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
            }
            return true;
        }
    }

    /** Connections accepted and not yet finished. */
    int openCount() {
        return open.size();
    }

    /** Grace is over: closing a socket makes its blocked read() throw, so handlers return. */
    void closeAll() {
        open.forEach(ConnectionRegistry::closeQuietly);
    }

    private void finish(Socket socket, boolean admittedHere, SocketAddress remote, Throwable reason) {
        closeConnection(socket);
        if (open.remove(socket) && admittedHere) {
            admitted.decrementAndGet();
        }
        try {
            config.connectionListener().connectionClosed(remote, reason);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "connection listener failed", e);
        }
    }

    /** Drops a finished detached connection and wakes {@link #awaitDetached}. */
    private void forget(Detached owner) {
        detached.remove(owner.socket, owner);
        synchronized (detached) {
            detached.notifyAll();
        }
    }

    /** A detached connection: finished once its handler returned and its owner released it. */
    private final class Detached {
        private final Socket socket;
        private boolean handlerReturned;
        private boolean released;
        private boolean admittedHere;
        private SocketAddress remote;

        Detached(Socket socket) {
            this.socket = socket;
        }

        void handlerReturned(boolean admittedByServer, SocketAddress remoteAddress) {
            synchronized (this) {
                handlerReturned = true;
                admittedHere = admittedByServer;
                remote = remoteAddress;
                if (!released) {
                    return;
                }
            }
            finishDetached();
        }

        void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
                if (!handlerReturned) {
                    return;
                }
            }
            finishDetached();
        }

        private void finishDetached() {
            finish(socket, admittedHere, remote, null);
            forget(this);
        }
    }

    /**
     * Closes an accepted connection. A socket accepted through a channel (see
     * {@code nonblocking.ChannelServerSockets}) sends FIN first, as a classic socket's close does:
     * closing with unread input would otherwise reset the connection at once and could destroy
     * the response just written (a 503, a 408) before the client read it.
     */
    private static void closeConnection(Socket socket) {
        if (socket.getChannel() != null && !socket.isClosed() && !socket.isOutputShutdown()) {
            try {
                socket.shutdownOutput();
            } catch (IOException ignored) {
                // not connected any more: close below either way
            }
        }
        closeQuietly(socket);
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is best effort: the peer may already be gone.
        }
    }
}
