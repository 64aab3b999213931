package org.socketlab.websocket.realtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.server.ExchangeHandler;
import org.socketlab.websocket.server.HttpExchange;

/**
 * The ticker as a mount of the front door: one stock-price feed served five ways under a
 * prefix ({@code /} for {@link RealtimeServer}, {@code /ticker/} in the course server):
 *
 * <pre>
 *   GET {prefix}poll?since=ID        polling: answers at once, often with []
 *   GET {prefix}long-poll?since=ID   long polling: held until an event arrives or the timeout passes
 *   GET {prefix}stream               HTTP streaming: chunked, one NDJSON line per event
 *   GET {prefix}sse                  server-sent events, Last-Event-ID resumption
 *   GET {prefix}ws                   WebSocket upgrade (the front door's single upgrade path)
 *   GET {prefix}                     the index page (with a Content-Security-Policy)
 * </pre>
 *
 * <p>Every byte is counted at the socket per technique ({@link #stats(Technique)}), request heads
 * and WebSocket frames included, so lab 07 can compare the techniques' overhead.
 *
 * <p>Thread-safe. {@link #close()} stops the feed: streams end, WebSockets get 1001.
 */
public final class RealtimeService implements ExchangeHandler, AutoCloseable {

    private static final String PAGE_TEMPLATE = new String(resource("index.html"), StandardCharsets.UTF_8);

    private final String prefix;
    private final byte[] indexPage;
    private final String contentSecurityPolicy;
    private final RealtimeConfig config;
    private final Ticker ticker;
    private final Map<Technique, TrafficStats> stats = new EnumMap<>(Technique.class);
    private final TrafficStats otherStats = new TrafficStats();
    private final Set<Session> webSocketSessions = ConcurrentHashMap.newKeySet();
    private final Thread tickThread;
    private volatile boolean stopping;
    private volatile long streamGeneration;

    /** A feed to mount at {@code prefix} (starts with and ends with "/"); publishing starts now. */
    public RealtimeService(String prefix, RealtimeConfig config) {
        Objects.requireNonNull(prefix, "prefix");
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("the ticker's prefix must start and end with \"/\", got \"" + prefix + "\"");
        }
        this.prefix = prefix;
        String page = PAGE_TEMPLATE.replace("{{prefix}}", prefix);
        this.indexPage = page.getBytes(StandardCharsets.UTF_8);
        this.contentSecurityPolicy = contentSecurityPolicy(page);
        this.config = Objects.requireNonNull(config, "config");
        this.ticker = new Ticker(config.symbols(), config.seed(), System::nanoTime, config.historyCapacity());
        for (Technique technique : Technique.values()) {
            stats.put(technique, new TrafficStats());
        }
        this.tickThread = config.tickInterval().isZero() ? null
                : Thread.ofPlatform().daemon(true).name("ticker" + prefix).start(this::tickLoop);
    }

    public String prefix() {
        return prefix;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        HttpRequest request = exchange.request();
        String relative = "/" + request.path().substring(prefix.length());
        Technique technique = Technique.forPath(relative);
        exchange.meter(technique == null ? otherStats : stats.get(technique));
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            HttpResponse refused = HttpResponse.text(405, "405 Method Not Allowed: only GET is served here\n");
            refused.headers().set("Allow", "GET");
            exchange.respond(closingUnlessKeepAlive(refused));
            return;
        }
        if (technique == null) {
            exchange.respond(closingUnlessKeepAlive(page(relative)));
            return;
        }
        Routes routes = new Routes(this, exchange, stats.get(technique));
        switch (technique) {
            case POLLING -> routes.poll();
            case LONG_POLLING -> routes.longPoll();
            case STREAMING -> routes.stream();
            case SSE -> routes.sse();
            case WEBSOCKET -> routes.webSocket();
        }
    }

    private HttpResponse page(String relative) {
        return switch (relative) {
            case "/" -> HttpResponse.withBody(200, HttpHeaders.of("Content-Security-Policy", contentSecurityPolicy,
                    "Cache-Control", "no-cache"), "text/html; charset=utf-8", indexPage);
            // Never echo the path: it is attacker-chosen (issue 17 item 8).
            default -> HttpResponse.text(404, "404 Not Found: try poll, long-poll, stream, sse, ws or the index page\n");
        };
    }

    /** With keep-alive off (lab 06's contrast) every answer closes its connection. */
    HttpResponse closingUnlessKeepAlive(HttpResponse response) {
        if (!config.keepAlive()) {
            response.headers().set("Connection", "close");
        }
        return response;
    }

    /** Publishes on a fixed schedule; the schedule is measured from the start, so it does not drift. */
    private void tickLoop() {
        long interval = config.tickInterval().toNanos();
        long next = System.nanoTime() + interval;
        while (!stopping) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            ticker.publish();
            next += interval;
        }
    }

    public Ticker ticker() {
        return ticker;
    }

    public RealtimeConfig config() {
        return config;
    }

    /** Bytes, requests and events counted at the socket for {@code technique}. */
    public TrafficStats stats(Technique technique) {
        return stats.get(technique);
    }

    /** Traffic that matched no technique: the index page, 404 … */
    public TrafficStats otherStats() {
        return otherStats;
    }

    /** Open streams, SSE and WebSocket connections and waiting long polls. */
    public int subscriberCount() {
        return ticker.subscriberCount();
    }

    /** Waits until {@link #subscriberCount()} equals {@code expected}; whether it did within {@code timeout}. */
    public boolean awaitSubscribers(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ticker.subscriberCount() != expected) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /**
     * Cuts every open stream and SSE connection without ending its body, as a network failure
     * would: SSE clients then reconnect with Last-Event-ID (used by tests and the lab).
     */
    public synchronized void disconnectStreams() {
        streamGeneration++;
    }

    long streamGeneration() {
        return streamGeneration;
    }

    boolean isStopping() {
        return stopping;
    }

    void register(Session session) {
        webSocketSessions.add(session);
    }

    void unregister(Session session) {
        webSocketSessions.remove(session);
    }

    /** Stops publishing; streams end with their last chunk, WebSockets close with 1001. */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        if (tickThread != null) {
            LockSupport.unpark(tickThread);
        }
        for (Session session : webSocketSessions) {
            session.close(1001, "server shutting down");
        }
    }

    /**
     * Like the chat's policy (this origin only, no plugins, no framing), with the page's one
     * inline script allowed by its SHA-256 (CSP Level 2 hash source) and nothing else inline:
     * markup injected into the page could not run a script of its own.
     */
    static String contentSecurityPolicy(String page) {
        int start = page.indexOf("<script>") + "<script>".length();
        int end = page.indexOf("</script>", start);
        byte[] script = page.substring(start, end).getBytes(StandardCharsets.UTF_8);
        String hash;
        try {
            hash = java.util.Base64.getEncoder().encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(script));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        return "default-src 'self'; script-src 'sha256-" + hash + "'; style-src 'self'; connect-src 'self'; "
                + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static byte[] resource(String name) {
        try (InputStream in = RealtimeService.class.getResourceAsStream(name)) {
            return in == null ? ("<!doctype html><title>socketlab ticker</title>").getBytes(StandardCharsets.UTF_8)
                    : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("could not read the resource " + name, e);
        }
    }
}
