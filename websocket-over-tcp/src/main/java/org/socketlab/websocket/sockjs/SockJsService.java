package org.socketlab.websocket.sockjs;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.server.EndpointUpgrade;
import org.socketlab.websocket.server.ExchangeHandler;
import org.socketlab.websocket.server.HttpExchange;

/**
 * One SockJS 0.3.3 endpoint on the front door: every request at {@code <prefix>} and under
 * {@code <prefix>/} — greeting, {@code /info}, the iframe page, the raw {@code /websocket}, and
 * the session URLs — answered by {@link SockJsRoutes}. A native WebSocket upgrade at
 * {@code <prefix>} itself goes to the endpoint as before, so one {@link WebSocketHandler}
 * serves native and SockJS clients. One JVM-wide timer thread runs heartbeats and expiry while it has sessions.
 *
 * <p>Thread-safe: {@link #handle} runs on each connection's own thread.
 */
public final class SockJsService implements ExchangeHandler, AutoCloseable {

    private static final Logger LOG = System.getLogger(SockJsService.class.getName());

    private final String prefix;
    private final SockJsOptions options;
    private final SessionRegistry registry;
    private final SockJsRoutes routes;
    /** One timer thread for every SockJS endpoint of the JVM; each endpoint's task runs only while it has sessions. */
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "sockjs-timers");
        thread.setDaemon(true);
        return thread;
    });

    private final long sweepMillis;
    private ScheduledFuture<?> sweeping; // guarded by this
    private volatile boolean closed;

    private SockJsService(String prefix, WebSocketHandler handler, SockJsOptions options, EndpointUpgrade upgrade) {
        this.prefix = prefix;
        this.options = options;
        this.registry = new SessionRegistry(options.maxSessions());
        this.routes = new SockJsRoutes(prefix, handler, options, upgrade, registry, this::ensureSweeping);
        this.sweepMillis = Math.clamp(Math.min(options.heartbeatInterval().toMillis(),
                options.disconnectDelay().toMillis()) / 5, 10, 1000);
    }

    /**
     * A SockJS endpoint at {@code prefix} (e.g. {@code /echo}: no trailing slash).
     *
     * @param upgrade how the endpoint opens WebSockets (its origins, subprotocols, limits)
     */
    public static SockJsService create(String prefix, WebSocketHandler handler, SockJsOptions options,
                                       EndpointUpgrade upgrade) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.startsWith("/") || (prefix.endsWith("/") && prefix.length() > 1)) {
            throw new IllegalArgumentException("a SockJS prefix starts with / and does not end with one, got \""
                    + prefix + "\"");
        }
        return new SockJsService(prefix.equals("/") ? "" : prefix, Objects.requireNonNull(handler, "handler"),
                Objects.requireNonNull(options, "options"), Objects.requireNonNull(upgrade, "upgrade"));
    }

    public String prefix() {
        return prefix;
    }

    public SockJsOptions options() {
        return options;
    }

    /** Open sessions (HTTP and WebSocket transports). */
    public int sessionCount() {
        return registry.size();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            routes.handle(exchange, Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.dropConnection();
        }
    }

    /** Closes every session with 1001 (the front door calls this when it stops) and stops the timers. */
    @Override
    public void close() {
        closed = true;
        registry.closeAll(1001, "Server is going away");
        synchronized (this) {
            if (sweeping != null) {
                sweeping.cancel(false);
                sweeping = null;
            }
        }
    }

    /** Starts this endpoint's timer task if it is not running (a session was just opened). */
    private synchronized void ensureSweeping() {
        if (sweeping == null && !closed) {
            sweeping = TIMERS.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        try {
            registry.tick(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SockJS timers of " + prefix + " failed", e);
        }
        synchronized (this) {
            if (registry.size() == 0 && sweeping != null) {
                sweeping.cancel(false); // nothing to time: a stopped front door leaves no task behind
                sweeping = null;
            }
        }
    }

    @Override
    public String toString() {
        return "SockJS endpoint " + prefix;
    }

    static HttpResponse emptyResponse(int status, HttpHeaders headers) {
        return new HttpResponse(status, org.socketlab.websocket.http.HttpStatus.reasonPhrase(status), headers,
                new byte[0]);
    }

    static boolean isUpgrade(HttpRequest request) {
        return request.headers().containsToken("Upgrade", "websocket");
    }
}
