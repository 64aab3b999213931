package org.socketlab.websocket.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.socketlab.websocket.server.WebSocketServer;

/**
 * A small WebSocket API for the integration tests, recording every $connect and $disconnect.
 * $connect: no {@code token} → 401, {@code token=bad} → 403, else the token is the user.
 * Routes: {@code echo} (replies {@code text}), {@code whoami} (replies {@code id:<connectionId>}),
 * {@code user}, {@code tell} (posts {@code text} to connection {@code to}), {@code bye} (replies
 * {@code text}, then disconnects the caller), {@code boom} (throws);
 * {@code $default} replies {@code default:<message>}.
 */
final class RoutingFixture implements AutoCloseable {

    static final String API_KEY = "test-key-0123456789abcdef";

    final LinkedBlockingQueue<String> connects = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
    final Map<String, AtomicInteger> disconnectCounts = new ConcurrentHashMap<>();
    final Set<String> opened = ConcurrentHashMap.newKeySet();
    final WebSocketApi api;
    final WebSocketServer server;

    RoutingFixture(String expression, boolean withDefault) throws IOException {
        WebSocketApi.Builder builder = WebSocketApi.builder()
                .routeSelectionExpression(expression)
                .onConnect(request -> {
                    String token = request.queryParameter("token")
                            .orElseThrow(() -> ConnectRouteRefusedException.unauthorized("a token is required"));
                    if (token.equals("bad")) {
                        throw ConnectRouteRefusedException.forbidden("this token may not connect");
                    }
                    request.attributes().put("user", token);
                    opened.add(request.connectionId());
                    connects.add(request.connectionId() + " " + request.header("User-Agent").orElse("-"));
                })
                .onDisconnect((connectionId, code, reason, connections) -> {
                    disconnectCounts.computeIfAbsent(connectionId, id -> new AtomicInteger()).incrementAndGet();
                    disconnects.add(connectionId + " " + code);
                })
                .route("echo", context -> context.reply(context.body().orElseThrow().path("text").asText()))
                .route("whoami", context -> context.reply("id:" + context.connectionId()))
                .route("user", context -> context.reply("user:" + context.attributes().get("user")))
                .route("tell", context -> {
                    String to = context.body().orElseThrow().path("to").asText();
                    boolean sent = context.connections().post(to, context.body().get().path("text").asText());
                    context.reply(sent ? "told" : "gone");
                })
                .route("bye", context -> {
                    context.reply(context.body().orElseThrow().path("text").asText());
                    context.connections().disconnect(context.connectionId());
                })
                .route("boom", context -> {
                    throw new IllegalStateException("route failed on purpose");
                })
                .apiKey(API_KEY);
        if (withDefault) {
            builder.defaultRoute(context -> context.reply("default:"
                    + (context.binary().isPresent() ? "binary:" + context.binary().get().remaining() : context.text())));
        }
        api = builder.build();
        server = api.install(WebSocketServer.builder(), "/ws").start();
    }

    RoutingFixture() throws IOException {
        this("$request.body.action", true);
    }

    String url(String query) {
        return server.uri("/ws") + query;
    }

    String nextDisconnect() throws InterruptedException {
        String event = disconnects.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("$disconnect within 10 s").isNotNull();
        return event;
    }

    /**
     * The next $connect event ("id user-agent"), returned once the connection is also open on
     * the server: $connect runs before the 101 is written, and the connection joins the
     * manager only after it, so a test that posts right away must wait for that second step.
     */
    String nextConnect() throws InterruptedException {
        String event = connects.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("$connect within 10 s").isNotNull();
        String id = event.split(" ")[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!api.connections().isConnected(id) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return event;
    }

    /**
     * Stops the server — which joins every connection thread, so every $disconnect has run —
     * then checks that each connection that passed $connect got exactly one.
     */
    @Override
    public void close() {
        server.stop(Duration.ofSeconds(5));
        assertThat(disconnectCounts.keySet()).as("every accepted connection got $disconnect").isEqualTo(opened);
        disconnectCounts.forEach((id, count) ->
                assertThat(count.get()).as("$disconnect calls for " + id).isEqualTo(1));
    }
}
