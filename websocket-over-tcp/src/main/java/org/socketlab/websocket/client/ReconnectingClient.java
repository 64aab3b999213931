package org.socketlab.websocket.client;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.http.HttpException;

/**
 * A client connection that comes back: when the connection is lost (anything but a normal
 * 1000 close) it waits per {@link Backoff} and connects again, up to the maximum attempts; the
 * handler's {@code onOpen} runs for every connection and {@link ClientOptions#onReconnect} lets
 * the application re-subscribe. RFC 6455 has no reconnection; §7.2.3 asks for the randomised,
 * growing delay used here. A close the application asks for, or a normal close (1000) from the
 * server, ends it for good.
 *
 * <p>Thread-safe; one virtual "supervisor" thread per client connects, waits and retries.
 */
public final class ReconnectingClient implements AutoCloseable {

    private static final Logger LOG = System.getLogger(ReconnectingClient.class.getName());

    private final URI uri;
    private final WebSocketHandler handler;
    private final ClientOptions options;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CompletableFuture<CloseStatus> terminated = new CompletableFuture<>();
    private volatile Session current;
    private volatile int connections;

    private ReconnectingClient(URI uri, WebSocketHandler handler, ClientOptions options, RandomGenerator random) {
        this.uri = uri;
        this.handler = handler;
        this.options = options;
        this.backoff = options.reconnect().orElse(Backoff.exponential());
        this.random = random;
    }

    /** Starts connecting in the background; {@link #session()} is empty until the first connection. */
    public static ReconnectingClient start(URI uri, WebSocketHandler handler, ClientOptions options) {
        return start(uri, handler, options, RandomGenerator.getDefault());
    }

    /** Like {@link #start(URI, WebSocketHandler, ClientOptions)} with a chosen jitter source (tests). */
    public static ReconnectingClient start(URI uri, WebSocketHandler handler, ClientOptions options,
                                           RandomGenerator random) {
        WebSocketUri.parse(uri); // fail fast on a malformed URI, on the caller's thread
        ReconnectingClient client = new ReconnectingClient(uri, handler, options, random);
        Thread.ofVirtual().name("ws-reconnect").start(client::supervise);
        return client;
    }

    /** The current session, if connected. */
    public Optional<Session> session() {
        Session session = current;
        return session != null && session.isOpen() ? Optional.of(session) : Optional.empty();
    }

    /** How many connections were opened so far (the first one included). */
    public int connections() {
        return connections;
    }

    /** Completes when the client stops for good: closed by the application, normal close, or attempts exhausted. */
    public CompletableFuture<CloseStatus> terminated() {
        return terminated;
    }

    /** Closes with 1000 and stops reconnecting. */
    @Override
    public void close() {
        stopRequested.countDown();
        Session session = current;
        if (session != null) {
            session.close(1000, "");
        }
    }

    private void supervise() {
        int failures = 0;
        CloseStatus last = CloseStatus.abnormal("never connected", CloseStatus.Initiator.LOCAL);
        while (stopRequested.getCount() > 0) {
            try {
                Session session = WebSocketClient.connect(uri, handler, options);
                current = session;
                connections++;
                if (connections > 1) {
                    options.onReconnect().accept(session, connections - 1);
                }
                if (stopRequested.getCount() == 0) {
                    session.close(1000, "");
                }
                failures = 0;
                last = session.closeFuture().get();
                if (last.code() == 1000) {
                    break; // a normal close is final: nobody wants us back
                }
            } catch (IOException | HttpException e) {
                LOG.log(Level.DEBUG, "connecting to {0} failed: {1}", uri, e.toString());
                last = CloseStatus.abnormal(e.toString(), CloseStatus.Initiator.LOCAL);
            } catch (ExecutionException | RuntimeException e) {
                last = CloseStatus.abnormal(e.toString(), CloseStatus.Initiator.LOCAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            failures++;
            if (failures > backoff.maxAttempts() || !await(backoff.delay(failures, random))) {
                break;
            }
        }
        terminated.complete(last);
    }

    /** Waits out the backoff delay; false when the application closed the client meanwhile. */
    private boolean await(Duration delay) {
        LOG.log(Level.DEBUG, "reconnecting to {0} in {1} ms", uri, delay.toMillis());
        try {
            return !stopRequested.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
