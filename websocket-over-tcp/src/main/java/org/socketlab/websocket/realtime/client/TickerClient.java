package org.socketlab.websocket.realtime.client;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.socketlab.websocket.realtime.Technique;
import org.socketlab.websocket.realtime.Tick;

/**
 * A hand-written client for one technique, over a raw socket: {@link #start()} runs its loop on
 * a virtual thread, every tick goes to the listener, every byte and latency into
 * {@link ClientStats}. {@link #close()} stops it (any thread).
 *
 * <p>Subclasses implement {@link #runSession()}: one connection's worth of work, returning when
 * the server closed; the base loop starts another while the client is running.
 */
public abstract class TickerClient implements AutoCloseable {

    private static final Logger LOG = System.getLogger(TickerClient.class.getName());

    protected final TickerClientOptions options;
    protected final ClientStats stats;
    private final Consumer<Tick> listener;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile RawHttpConnection current;
    private volatile Thread thread;
    /** Id of the newest tick received: the {@code since=} of the next poll, the Last-Event-ID. */
    protected volatile long lastId;

    protected TickerClient(TickerClientOptions options, ClientStats stats, Consumer<Tick> listener) {
        this.options = Objects.requireNonNull(options, "options");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A client for {@code technique}. */
    public static TickerClient create(Technique technique, TickerClientOptions options, ClientStats stats,
                                      Consumer<Tick> listener) {
        return switch (technique) {
            case POLLING -> new PollingClient(options, stats, listener, false);
            case LONG_POLLING -> new PollingClient(options, stats, listener, true);
            case STREAMING -> new StreamingClient(options, stats, listener);
            case SSE -> new SseClient(options, stats, listener);
            case WEBSOCKET -> new WebSocketTickerClient(options, stats, listener);
        };
    }

    public abstract Technique technique();

    /** Starts the loop on a virtual thread; returns at once. */
    public TickerClient start() {
        thread = Thread.ofVirtual().name(technique().label() + "-client").start(this::loop);
        return this;
    }

    /** Resume after {@code id}: the first request asks for events newer than it. */
    public TickerClient resumeAfter(long id) {
        this.lastId = id;
        return this;
    }

    private void loop() {
        try {
            while (running) {
                try {
                    runSession();
                } catch (IOException e) {
                    if (running) {
                        LOG.log(Level.DEBUG, "{0} client: {1}; reconnecting", technique().label(), e.toString());
                        pause(Duration.ofMillis(100));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
            finished.countDown();
        }
    }

    /** One connection's work; returns (or throws) when it ended. */
    protected abstract void runSession() throws IOException, InterruptedException;

    /** Opens a connection that {@link #close()} can interrupt. */
    protected RawHttpConnection connect() throws IOException {
        RawHttpConnection connection = new RawHttpConnection(options.host(), options.port(), stats);
        current = connection;
        if (!running) {
            connection.close();
            throw new IOException("client closed");
        }
        return connection;
    }

    protected void closeConnection() {
        RawHttpConnection connection = current;
        if (connection != null) {
            connection.close();
        }
    }

    /** Hands a tick to the listener and records its latency and payload. */
    protected void deliver(Tick tick, int payloadBytes) {
        stats.event(payloadBytes, tick.publishedNanos(), System.nanoTime());
        lastId = Math.max(lastId, tick.id());
        listener.accept(tick);
    }

    protected boolean isRunning() {
        return running;
    }

    /** Waits {@code duration} unless the client is closed first. */
    protected void pause(Duration duration) throws InterruptedException {
        if (running) {
            finished.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    public ClientStats stats() {
        return stats;
    }

    /** Stops the loop and closes the socket; waits up to 5 s for the loop to end. */
    @Override
    public void close() {
        running = false;
        closeConnection();
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            try {
                current.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
