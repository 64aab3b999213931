package org.socketlab.labs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.routing.ConnectionManager;
import org.socketlab.websocket.routing.ConnectRouteRefusedException;
import org.socketlab.websocket.routing.RouteContext;
import org.socketlab.websocket.routing.WebSocketApi;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;

/**
 * Lab 12 — routes and connection management, the AWS API Gateway model on our own server.
 *
 * <p>A chat service built only from routes: {@code $connect} checks a token from the query
 * string, {@code sendmessage} broadcasts, {@code whoami} answers the caller (a route response),
 * {@code $default} catches everything else, {@code $disconnect} tells the others who left.
 * A backend that is not a WebSocket client at all then talks to the users through
 * {@code @connections}: plain HTTP POST/GET/DELETE on the same port, guarded by an API key.
 * Guide: labs/guides/12-routes-and-connections.md.
 */
public final class Lab12Routes {

    public static final String TITLE = "Routes and connection management";
    public static final String SUMMARY = "$connect/$disconnect/$default and custom routes; a backend posts via @connections";
    /** The backend's key for @connections (a lab value: real keys come from a secret store). */
    public static final String API_KEY = "lab12-backend-key-0123456789";
    /** token → user name; $connect admits only these tokens. */
    public static final Map<String, String> TOKENS = Map.of("alice-token", "alice", "bob-token", "bob",
            "carol-token", "carol");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Lab12Routes() {
    }

    /** The running chat: its server, its connections, and who left (one line per $disconnect). */
    public record Chat(WebSocketServer server, ConnectionManager connections, BlockingQueue<String> departures)
            implements AutoCloseable {
        @Override
        public void close() {
            server.stop(Duration.ofSeconds(2));
        }
    }

    // ---- the service: five routes ------------------------------------------------------------

    public static Chat startChat() throws IOException {
        Map<String, String> users = new ConcurrentHashMap<>(); // connectionId → user
        BlockingQueue<String> departures = new LinkedBlockingQueue<>();
        WebSocketApi api = WebSocketApi.builder()
                .routeSelectionExpression("$request.body.action")
                .onConnect(request -> {
                    // BEGIN SOLUTION lab=12 task="$connect: read ?token=; refuse 401 without one, 403 for an unknown one; remember the user"
                    String token = request.queryParameter("token")
                            .orElseThrow(() -> ConnectRouteRefusedException.unauthorized("connect with ?token=..."));
                    String user = TOKENS.get(token);
                    if (user == null) {
                        throw ConnectRouteRefusedException.forbidden("this token is not valid");
                    }
                    users.put(request.connectionId(), user);
                    request.attributes().put("user", user);
                    // END SOLUTION
                })
                .route("sendmessage", Lab12Routes::sendMessage)
                .route("whoami", context -> context.reply(json(
                        "connectionId", context.connectionId(), "user", context.attributes().get("user"))))
                .defaultRoute(context -> context.reply(json("error", "unknown action",
                        "actions", List.of("sendmessage", "whoami"))))
                .onDisconnect((connectionId, code, reason, connections) -> {
                    String user = users.remove(connectionId);
                    departures.add(user + " " + code);
                    connections.broadcast(json("left", user));
                })
                .apiKey(API_KEY)
                .build();
        WebSocketServer server = api.install(WebSocketServer.builder(), "/chat").start();
        return new Chat(server, api.connections(), departures);
    }

    /** {"action":"sendmessage","text":"..."} → {"from":user,"text":"..."} to everybody. */
    private static void sendMessage(RouteContext context) {
        // BEGIN SOLUTION lab=12 task="the sendmessage route: broadcast {from, text} to every connection; reply with an error when text is missing"
        JsonNode text = context.body().orElseThrow().path("text");
        if (!text.isTextual() || text.asText().isBlank()) {
            context.reply(json("error", "sendmessage needs a non-empty \"text\" string"));
            return;
        }
        context.connections().broadcast(json("from", context.attributes().get("user"), "text", text.asText()));
        // END SOLUTION
    }

    /** A JSON object with the keys in the order given: {@code json("a", 1, "b", "x")}. */
    static String json(Object... keysAndValues) {
        Map<Object, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(object);
        } catch (IOException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    // ---- the narrated run -------------------------------------------------------------------

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="12 --help"}. */
    @Command(name = "lab 12", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options {
    }

    public static void main(String[] args) throws Exception {
        Cli.parse(new Options(), args);
        System.out.println("Lab 12 — routes and connection management (the API Gateway WebSocket model)");
        try (Chat chat = startChat()) {
            int port = chat.server().port();
            say("socket()+bind()+listen()", "one port for both: " + chat.server().uri("/chat") + " and http://127.0.0.1:"
                    + port + "/@connections/{id}");
            refusedConnects(port);
            BlockingQueue<String> aliceInbox = new LinkedBlockingQueue<>();
            BlockingQueue<String> bobInbox = new LinkedBlockingQueue<>();
            Session alice = client(chat, "alice-token", aliceInbox);
            Session bob = client(chat, "bob-token", bobInbox);
            observe("alice and bob passed $connect: each got a connection id (random, URL-safe).");
            String bobId = routes(alice, aliceInbox, bob, bobInbox);
            backend(port, bobId, bobInbox);
            disconnects(chat, bobId, bob, bobInbox);
        }
    }

    /** Step 1: upgrade requests typed by hand; $connect answers 401 and 403 before any 101. */
    private static void refusedConnects(int port) throws IOException {
        part("1. $connect sees the upgrade request and may refuse it");
        String upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
        show(http(port, "GET /chat HTTP/1.1", upgrade, ""));
        observe("no token: 401 — the handshake fails, no connection exists, $disconnect will not run.");
        show(http(port, "GET /chat?token=stolen HTTP/1.1", upgrade, ""));
        observe("an unknown token: 403 — $connect read it from the query string before the 101.");
    }

    /** Step 2: one message per route; returns bob's connection id (from his whoami). */
    private static String routes(Session alice, BlockingQueue<String> aliceInbox, Session bob,
                                 BlockingQueue<String> bobInbox) throws Exception {
        part("2. Routes: the route selection expression $request.body.action picks one per message");
        alice.sendText("{\"action\":\"sendmessage\",\"text\":\"hi all\"}");
        say("alice → sendmessage", "bob receives " + next(bobInbox) + ", alice too: " + next(aliceInbox));
        bob.sendText("{\"action\":\"whoami\"}");
        String whoami = next(bobInbox);
        say("bob → whoami", "route response " + whoami);
        bob.sendText("hello? is this thing on");
        say("bob → (not JSON)", "$default answers " + next(bobInbox));
        return JSON.readTree(whoami).get("connectionId").asText();
    }

    /** Step 3: the backend posts to bob and reads his status; a guessed key gets 403. */
    private static void backend(int port, String bobId, BlockingQueue<String> bobInbox) throws Exception {
        part("3. A backend talks to bob through @connections (plain HTTP, same port)");
        String key = "x-api-key: " + API_KEY + "\r\n";
        show(http(port, "POST /@connections/" + bobId + " HTTP/1.1", key, "{\"notice\":\"server maintenance at 18:00\"}"));
        say("bob", "received " + next(bobInbox));
        show(http(port, "GET /@connections/" + bobId + " HTTP/1.1", key, ""));
        show(http(port, "POST /@connections/" + bobId + " HTTP/1.1", "x-api-key: guessed\r\n", "spam"));
        observe("a wrong key gets 403 and bob gets nothing: only the backend may post.");
    }

    /** Step 4: DELETE alice, watch $disconnect run once and tell bob; then bob leaves himself. */
    private static void disconnects(Chat chat, String bobId, Session bob, BlockingQueue<String> bobInbox)
            throws Exception {
        part("4. DELETE disconnects; $disconnect runs exactly once and tells the others");
        int port = chat.server().port();
        String key = "x-api-key: " + API_KEY + "\r\n";
        String aliceId = chat.connections().connectionIds().stream().filter(id -> !id.equals(bobId)).findFirst()
                .orElseThrow();
        show(http(port, "DELETE /@connections/" + aliceId + " HTTP/1.1", key, ""));
        say("$disconnect", chat.departures().poll(5, TimeUnit.SECONDS) + "; bob receives " + next(bobInbox));
        show(http(port, "GET /@connections/" + aliceId + " HTTP/1.1", key, ""));
        observe("410 Gone: the id no longer names a connection.");
        bob.close(1000, "bye");
        say("$disconnect", chat.departures().poll(5, TimeUnit.SECONDS) + " (bob closed normally)");
    }

    private static Session client(Chat chat, String token, BlockingQueue<String> inbox) throws Exception {
        return WebSocketClient.connect(URI.create(chat.server().uri("/chat?token=" + token)), new WebSocketHandler() {
            @Override
            public void onText(Session session, String text) {
                inbox.add(text);
            }
        }, ClientOptions.defaults().header("User-Agent", "lab12-chat/1.0"));
    }

    private static String next(BlockingQueue<String> inbox) throws InterruptedException {
        String message = inbox.poll(5, TimeUnit.SECONDS);
        return message == null ? "(nothing within 5 s)" : message;
    }

    /**
     * One HTTP request typed by hand: connect(), write() the request, read() until the server
     * closes (it answers with Connection: close). Returns the whole response.
     */
    public static String http(int port, String requestLine, String headers, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            String head = requestLine + "\r\nHost: 127.0.0.1:" + port + "\r\n" + headers
                    + (content.length > 0 ? "Content-Length: " + content.length + "\r\n" : "") + "\r\n";
            say("connect()+write()", head.lines().findFirst().orElse("")
                    + (content.length > 0 ? "  body " + body : ""));
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Status line and body of a response. */
    private static void show(String response) {
        String[] parts = response.split("\r\n\r\n", 2);
        say("read()", parts[0].lines().findFirst().orElse("(no response)")
                + (parts.length > 1 && !parts[1].isBlank() ? "  " + parts[1].strip() : ""));
    }

    private static void part(String title) {
        System.out.println();
        System.out.println(title);
        System.out.println("-".repeat(title.length()));
    }

    private static void say(String who, String text) {
        System.out.printf("  %-22s %s%n", who, text);
    }

    private static void observe(String text) {
        System.out.println("   => " + text);
    }
}
