package org.socketlab.websocket.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.frame.CloseStatus;

/** A chat participant driven by a test: sends commands, waits (with a timeout) for events by type. */
final class ChatTestClient implements AutoCloseable {

    private static final long WAIT_SECONDS = 10;

    private final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private final Session session;

    private ChatTestClient(ChatServer server, String origin) throws Exception {
        ClientOptions options = ClientOptions.defaults();
        if (origin != null) {
            options = options.origin(origin);
        }
        this.session = WebSocketClient.connect(URI.create(server.webSocketUri()), new WebSocketHandler() {
            @Override
            public void onText(Session s, String text) {
                events.add(ChatCodec.parse(text));
            }

            @Override
            public void onClose(Session s, CloseStatus status) {
                closed.complete(status);
            }
        }, options);
    }

    /** Connects like a browser on the server's own page would (Origin: http://127.0.0.1:port). */
    static ChatTestClient connect(ChatServer server) throws Exception {
        return new ChatTestClient(server, "http://127.0.0.1:" + server.port());
    }

    static ChatTestClient connect(ChatServer server, String origin) throws Exception {
        return new ChatTestClient(server, origin);
    }

    /** Joins and returns the welcome event (history and presence follow in the queue). */
    JsonNode join(String room, String nick) throws InterruptedException {
        send("{\"type\":\"join\",\"room\":\"" + room + "\",\"nick\":\"" + nick + "\"}");
        return next("welcome");
    }

    void say(String text) {
        session.sendText("{\"type\":\"message\",\"text\":" + quoteJson(text) + "}");
    }

    void send(String raw) {
        session.sendText(raw);
    }

    void sendBinary(byte[] data) {
        session.sendBinary(ByteBuffer.wrap(data));
    }

    /** The next event of {@code type}; events of other types before it are kept in {@link #seen()}. */
    JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            JsonNode event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no \"" + type + "\" event within " + WAIT_SECONDS + " s; got before: " + seen);
            }
            seen.add(event);
            if (type.equals(event.path("type").asText())) {
                return event;
            }
        }
    }

    /** Waits for a presence event of {@code room} listing exactly {@code nicks}. */
    JsonNode presence(String... nicks) throws InterruptedException {
        while (true) {
            JsonNode event = next("presence");
            List<String> listed = new ArrayList<>();
            event.path("nicks").forEach(n -> listed.add(n.asText()));
            if (listed.equals(List.of(nicks))) {
                return event;
            }
        }
    }

    /** Events received so far but not waited for, without blocking. */
    List<JsonNode> drain() {
        List<JsonNode> rest = new ArrayList<>();
        events.drainTo(rest);
        return rest;
    }

    List<JsonNode> seen() {
        return seen;
    }

    CloseStatus awaitClose() throws Exception {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    Session session() {
        return session;
    }

    @Override
    public void close() {
        if (session.isOpen()) {
            session.close();
        }
    }

    private static String quoteJson(String text) {
        return new com.fasterxml.jackson.databind.node.TextNode(text).toString();
    }
}
