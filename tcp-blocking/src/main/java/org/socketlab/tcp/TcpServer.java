package org.socketlab.tcp;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking TCP server: the socket → bind → listen → accept sequence, written as distinct
 * steps, and an accept loop that hands each connection to a {@link ConcurrencyStrategy}.
 *
 * <pre>{@code
 * try (TcpServer server = TcpServer.builder()
 *         .port(0)                                  // 0: let the OS pick a free port
 *         .handler(new EchoHandler())
 *         .strategy(ConcurrencyStrategy.virtualThreads())
 *         .start()) {
 *     System.out.println("listening on " + server.localAddress());
 * }
 * }</pre>
 *
 * <p>Thread-safety: the builder is not thread-safe; a started server is. {@link #stop} may
 * be called from any thread, any number of times.
 */
public final class TcpServer implements AutoCloseable {

    private static final Logger LOG = System.getLogger(TcpServer.class.getName());
    /** How long the accept loop pauses after an accept() error such as EMFILE (too many open files). */
    private static final Duration ACCEPT_ERROR_BACKOFF = Duration.ofMillis(50);
    /** The pause after an unchecked failure (e.g. OutOfMemoryError) on the accept thread. */
    private static final Duration ACCEPT_LOOP_ERROR_BACKOFF = Duration.ofMillis(200);

    private final TcpServerConfig config;
    private final ServerSocket serverSocket;
    private final Thread acceptThread;
    private final ConnectionRegistry connections;
    private final CountDownLatch acceptLoopEnded = new CountDownLatch(1);
    private final AtomicLong acceptedCount = new AtomicLong();
    private final AtomicLong acceptErrors = new AtomicLong();
    private volatile boolean stopping;

    private TcpServer(TcpServerConfig config) throws IOException {
        this.config = config;
        this.connections = new ConnectionRegistry(config);
        this.serverSocket = openListeningSocket(config);
        this.acceptThread = Thread.ofPlatform()
                .name("tcp-accept-" + serverSocket.getLocalPort())
                .daemon(true)
                .unstarted(this::acceptLoop);
        acceptThread.start();
        LOG.log(Level.DEBUG, "listening on {0} ({1}, backlog {2})",
                localAddress(), config.strategy().name(), config.backlog());
    }

    public static TcpServerBuilder builder() {
        return new TcpServerBuilder();
    }

    /** Binds, listens and starts the accept thread (called by {@link TcpServerBuilder#start()}). */
    static TcpServer start(TcpServerConfig config) throws IOException {
        return new TcpServer(config);
    }

    /**
     * Steps 1–3 of every TCP server. Java folds them into two calls, so they are spelled out.
     */
    private static ServerSocket openListeningSocket(TcpServerConfig config) throws IOException {
        // Step 1 — socket(): create an UNBOUND server socket. Creating it unbound lets us set
        // options that must be in place before bind(), such as SO_REUSEADDR.
        // BEGIN SOLUTION lab=01 task="open the listening socket: socket(), then bind() and listen() with the backlog"
        ServerSocket listeningSocket = config.serverSocketFactory().createServerSocket();
        try {
            // SO_REUSEADDR lets a restarted server bind its port while old connections from
            // the previous run are still in TIME_WAIT.
            listeningSocket.setReuseAddress(config.reuseAddress());

            // Step 2 + 3 — bind() and listen(): Java's bind(address, backlog) performs BOTH
            // system calls. After it returns, the kernel completes 3-way handshakes on its own
            // and queues up to `backlog` finished connections until we call accept().
            SocketAddress endpoint = new InetSocketAddress(config.host(), config.port());
            listeningSocket.bind(endpoint, config.backlog());
            return listeningSocket;
        } catch (IOException | RuntimeException e) {
            listeningSocket.close();
            throw e;
        }
        // END SOLUTION
    }

    /** Step 4 — accept(): take one finished connection from the backlog, until stopped. */
    private void acceptLoop() {
        try {
            // BEGIN SOLUTION lab=01 task="the accept loop: accept() each connection and dispatch it until the server stops"
            while (!stopping) {
                Socket clientSocket = acceptOne();
                if (clientSocket != null) {
                    dispatch(clientSocket);
                }
            }
            // END SOLUTION
        } finally {
            acceptLoopEnded.countDown();
        }
    }

    /** Returns the next connection, or null when accept() failed or the server is stopping. */
    private Socket acceptOne() {
        try {
            return serverSocket.accept();
        } catch (IOException e) {
            // close() on the listening socket is how stop() wakes a blocked accept().
            if (!stopping) {
                LOG.log(Level.WARNING, "accept failed: {0}", e.toString());
                pauseAfter(ACCEPT_ERROR_BACKOFF);
            }
            return null;
        } catch (RuntimeException | Error e) {
            survive("accept()", e);
            return null;
        }
    }

    /**
     * An unchecked failure on the accept thread (typically an {@code OutOfMemoryError} during a
     * flood) must not end the accept loop: that would leave a live process that accepts nothing.
     * The memory usually comes back once the connections that took it are gone, so the loop logs,
     * pauses a little longer than for an I/O error, and goes on accepting.
     */
    private void survive(String where, Throwable error) {
        if (stopping) {
            return;
        }
        acceptErrors.incrementAndGet();
        try {
            LOG.log(Level.ERROR, "the accept loop survived " + error + " in " + where
                    + "; pausing " + ACCEPT_LOOP_ERROR_BACKOFF.toMillis() + " ms, then accepting again", error);
        } catch (RuntimeException | Error loggingFailed) {
            // Logging may itself fail while memory is short; accepting again matters more.
        }
        pauseAfter(ACCEPT_LOOP_ERROR_BACKOFF);
    }

    private void dispatch(Socket clientSocket) {
        boolean admitted = false;
        try {
            acceptedCount.incrementAndGet();
            config.configureAccepted(clientSocket);
            // Admission is decided here, on the accept thread, in accept order: exact even when
            // handler threads start late (see TcpServerBuilder.maxConnections).
            admitted = connections.register(clientSocket);
            ConnectionHandler handler = admitted ? config.handler() : config.overflowHandler();
            boolean admittedHere = admitted;
            config.strategy().dispatch(() -> serve(clientSocket, handler, admittedHere));
        } catch (RuntimeException | Error failed) {
            // The executor refused (it is shutting down) or could not start a thread: do not
            // leak the socket or its slot (released exactly once, here or when serve() ends).
            connections.dispatchFailed(clientSocket, admitted);
            if (failed instanceof RuntimeException) {
                LOG.log(Level.WARNING, "could not dispatch {0}: {1}",
                        clientSocket.getRemoteSocketAddress(), failed.toString());
            } else {
                survive("dispatching " + clientSocket.getRemoteSocketAddress(), failed);
            }
        }
    }

    private static void pauseAfter(Duration backoff) {
        // Not synchronisation: a failing accept() (EMFILE, ENFILE, OOM) would otherwise spin a core.
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket clientSocket, ConnectionHandler handler, boolean admitted) {
        SocketAddress remote = clientSocket.getRemoteSocketAddress();
        Throwable reason = null;
        try {
            LOG.log(Level.DEBUG, "connection from {0}", remote);
            handler.handle(clientSocket);
        } catch (IOException e) {
            // One client's failure is logged with its address; everybody else keeps going.
            reason = e;
            if (!stopping) {
                LOG.log(Level.INFO, "connection {0} closed: {1}", remote, CloseReasons.describe(e));
            }
        } catch (RuntimeException | Error e) {
            // An Error (say OutOfMemoryError) in one handler ends that connection only; with the
            // iterative strategy it would otherwise end the accept loop, which runs this inline.
            reason = e;
            LOG.log(e instanceof Error ? Level.ERROR : Level.WARNING, "handler failed for " + remote, e);
        } finally {
            connections.handlerEnded(clientSocket, admitted, remote, reason);
        }
    }

    /**
     * Called by a handler, on its own thread, that hands its connection to an owner that outlives
     * the handler's return — an event loop. When the handler returns the server then neither
     * closes the socket nor frees its connection slot; it does both when the owner runs the
     * returned action (once, from any thread, before or after the handler returned).
     * {@link #stop} waits for detached connections within its grace period, then closes them.
     */
    public Runnable detach(Socket clientSocket) {
        return connections.detach(clientSocket);
    }

    /** The address the server is bound to; with port 0 this is where the OS put it. */
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(config.host(), serverSocket.getLocalPort());
    }

    /** The bound port (useful after {@code port(0)}). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Connections accepted and not yet finished. */
    public int activeConnections() {
        return connections.openCount();
    }

    /** Connections accepted since start. */
    public long acceptedConnections() {
        return acceptedCount.get();
    }

    /** SO_TIMEOUT of accepted sockets; {@link Duration#ZERO} when reads may wait forever. */
    public Duration readTimeout() {
        return config.readTimeout();
    }

    /** The cap on connections served at once; 0 when unlimited. */
    public int maxConnections() {
        return config.maxConnections();
    }

    /** Unchecked failures (such as OutOfMemoryError) the accept loop has survived since start. */
    public long acceptLoopErrors() {
        return acceptErrors.get();
    }

    public String strategyName() {
        return config.strategy().name();
    }

    /** False once {@link #stop} has closed the listening socket (new connections are refused). */
    public boolean isRunning() {
        return !serverSocket.isClosed();
    }

    /**
     * Graceful stop: stop accepting, let in-flight connections finish for up to
     * {@code grace}, then close whatever is still open. Returns once every thread the server
     * started has ended (or, for a handler that ignores closed sockets and interrupts, after
     * a further 5 seconds).
     *
     * @return true when every connection finished on its own within the grace period
     */
    public boolean stop(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        synchronized (this) {
            if (stopping) {
                awaitQuietly(() -> acceptLoopEnded.await(5, TimeUnit.SECONDS));
                return connections.openCount() == 0;
            }
            stopping = true;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        ConnectionRegistry.closeQuietly(serverSocket); // wakes accept(); new connects are now refused
        boolean finished = awaitQuietly(() ->
                // The iterative strategy serves on the accept thread: wait for it as well.
                acceptLoopEnded.await(remaining(deadline), TimeUnit.NANOSECONDS)
                && shutdownAndAwait(Duration.ofNanos(remaining(deadline)))
                && connections.awaitDetached(deadline));
        if (!finished || connections.openCount() > 0) {
            forceClose();
        }
        awaitQuietly(() -> {
            acceptThread.join(Duration.ofSeconds(5));
            return true;
        });
        LOG.log(Level.DEBUG, "stopped {0}", localAddress());
        return finished;
    }

    private boolean shutdownAndAwait(Duration timeout) throws InterruptedException {
        config.strategy().shutdown();
        return config.strategy().awaitTermination(timeout);
    }

    /** Grace is over: closing a socket makes its blocked read() throw, so handlers return. */
    private void forceClose() {
        LOG.log(Level.INFO, "closing {0} connection(s) still open after the grace period",
                connections.openCount());
        connections.closeAll();
        config.strategy().shutdown();
        boolean ended = awaitQuietly(() -> config.strategy().awaitTermination(Duration.ofSeconds(5)));
        if (!ended) {
            config.strategy().shutdownNow();
        }
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    private interface Wait {
        boolean await() throws InterruptedException;
    }

    private static boolean awaitQuietly(Wait wait) {
        try {
            return wait.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops with a default grace period of 5 seconds. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
