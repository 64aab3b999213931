package org.socketlab.labs.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.Lab08Handshake;
import org.socketlab.labs.Lab12Routes;
import org.socketlab.labs.grading.GradingAssertions.Scenario;

/**
 * Lab 12 — routes and connection management. Guide: labs/guides/12-routes-and-connections.md.
 * The grader talks through the JDK's own WebSocket and HTTP clients, so a bug in the lab's
 * code cannot hide behind the same bug in the client it ships with.
 */
@Timeout(20)
class Lab12RoutesGradingTest {

    private static final String GUIDE = "12-routes-and-connections.md";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private Lab12Routes.Chat chat;

    @BeforeEach
    void start() throws IOException {
        chat = Lab12Routes.startChat();
    }

    @AfterEach
    void stop() {
        chat.close();
    }

    /** A JDK WebSocket client that queues every text message it receives. */
    private static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                inbox.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        /** The next message as JSON; throws (failing the step) when none arrives in time. */
        JsonNode next() throws Exception {
            String message = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new IllegalStateException("no message arrived within " + WAIT.toSeconds() + " s");
            }
            return JSON.readTree(message);
        }
    }

    private Client connect(String token) throws Exception {
        Client client = new Client();
        client.socket = http.newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create(chat.server().uri("/chat?token=" + token)), client).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** The status a handshake ended with: 101 when accepted, else the refusal's status. */
    private int handshakeStatus(String query) throws Exception {
        try {
            http.newWebSocketBuilder().buildAsync(URI.create(chat.server().uri("/chat" + query)), new Client())
                    .get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            return e.getCause() instanceof WebSocketHandshakeException refused ? refused.getResponse().statusCode() : -1;
        }
    }

    private String whoamiId(Scenario scenario, Client client, String who) {
        scenario.step(who + " sends {\"action\":\"whoami\"}", () -> client.send("{\"action\":\"whoami\"}"));
        return scenario.step("read " + who + "'s whoami answer", () -> client.next().path("connectionId").asText());
    }

    private HttpResponse<String> connections(String method, String id, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + chat.server().port()
                        + "/@connections/" + id)).timeout(WAIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("x-api-key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Points(2)
    @DisplayName("Your $connect refuses a client without a token: the handshake fails with 401")
    void connectWithoutToken_401() {
        Scenario scenario = GradingAssertions.scenario("upgrade to /chat without ?token=", GUIDE, "Step 1");
        int status = scenario.step("open a WebSocket to /chat (JDK client)", () -> handshakeStatus(""));
        scenario.expectEquals("handshake status", 401, status,
                "$connect refuses a client that brings no credentials with 401, before the 101 is written");
    }

    @Test
    @Points(2)
    @DisplayName("Your $connect refuses an unknown token with 403")
    void connectWithUnknownToken_403() {
        Scenario scenario = GradingAssertions.scenario("upgrade to /chat?token=stolen", GUIDE, "Step 1");
        int status = scenario.step("open a WebSocket to /chat?token=stolen", () -> handshakeStatus("?token=stolen"));
        scenario.expectEquals("handshake status", 403, status, "credentials that may not connect get 403");
    }

    @Test
    @Points(3)
    @DisplayName("Your sendmessage route delivers {\"from\",\"text\"} to every connected client")
    void sendMessage_broadcasts() {
        Scenario scenario = GradingAssertions.scenario("alice and bob connected; alice sends a message", GUIDE, "Step 2");
        Client alice = scenario.step("connect alice (alice-token)", () -> connect("alice-token"));
        Client bob = scenario.step("connect bob (bob-token)", () -> connect("bob-token"));
        scenario.step("alice sends {\"action\":\"sendmessage\",\"text\":\"hi all\"}",
                () -> alice.send("{\"action\":\"sendmessage\",\"text\":\"hi all\"}"));
        for (String name : new String[] {"alice", "bob"}) {
            Client client = name.equals("alice") ? alice : bob;
            JsonNode message = scenario.step("read " + name + "'s next message", client::next);
            scenario.expectEquals(name + " receives from", "alice", message.path("from").asText(),
                    "the route knows the sender from what $connect stored");
            scenario.expectEquals(name + " receives text", "hi all", message.path("text").asText(),
                    "sendmessage broadcasts to every connection, the sender included");
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your whoami route answers the caller (a route response) with its connection id and user")
    void whoami_routeResponse() {
        Scenario scenario = GradingAssertions.scenario("bob asks whoami", GUIDE, "Step 2");
        Client bob = scenario.step("connect bob", () -> connect("bob-token"));
        scenario.step("bob sends {\"action\":\"whoami\"}", () -> bob.send("{\"action\":\"whoami\"}"));
        JsonNode answer = scenario.step("read bob's answer", bob::next);
        scenario.expectEquals("user", "bob", answer.path("user").asText(), "the user $connect admitted");
        String id = answer.path("connectionId").asText();
        scenario.expectTrue("connectionId \"" + id + "\" should be URL-safe and at least 8 characters",
                id.matches("[A-Za-z0-9_-]{8,}"), "ids travel in URL paths (@connections/{id})");
        scenario.expectTrue("connectionId should name an open connection", chat.connections().isConnected(id),
                "the backend uses this id with @connections");
    }

    @Test
    @Points(2)
    @DisplayName("A message that is not JSON, or has an unknown action, gets your $default answer")
    void defaultRoute() {
        Scenario scenario = GradingAssertions.scenario("bob sends what no route takes", GUIDE, "Background");
        Client bob = scenario.step("connect bob", () -> connect("bob-token"));
        scenario.step("bob sends the text `hello? is this thing on`", () -> bob.send("hello? is this thing on"));
        JsonNode first = scenario.step("read the answer", bob::next);
        scenario.expectEquals("error", "unknown action", first.path("error").asText(), "not JSON goes to $default");
        scenario.step("bob sends {\"action\":\"dance\"}", () -> bob.send("{\"action\":\"dance\"}"));
        JsonNode second = scenario.step("read the answer", bob::next);
        scenario.expectEquals("error", "unknown action", second.path("error").asText(), "an unknown key goes to $default");
    }

    @Test
    @Points(3)
    @DisplayName("POST /@connections/{id} with the API key delivers the body to that client only")
    void post_deliversToOneClient() {
        Scenario scenario = GradingAssertions.scenario("the backend posts a notice to bob", GUIDE, "Step 3");
        Client alice = scenario.step("connect alice", () -> connect("alice-token"));
        Client bob = scenario.step("connect bob", () -> connect("bob-token"));
        String bobId = whoamiId(scenario, bob, "bob");
        HttpResponse<String> response = scenario.step("POST /@connections/" + bobId + " with x-api-key",
                () -> connections("POST", bobId, Lab12Routes.API_KEY, "{\"notice\":\"maintenance\"}"));
        scenario.expectEquals("POST status", 200, response.statusCode(), "API Gateway answers a delivered POST with 200");
        JsonNode notice = scenario.step("read bob's next message", bob::next);
        scenario.expectEquals("notice bob received", "maintenance", notice.path("notice").asText(),
                "the body goes to the connection unchanged");
        String aliceId = whoamiId(scenario, alice, "alice");
        scenario.expectTrue("alice's next message should be her whoami answer, not the notice",
                !aliceId.isEmpty(), "POST reaches one connection, not everybody");
    }

    @Test
    @Points(2)
    @DisplayName("GET /@connections/{id} reports connectedAt, lastActiveAt, sourceIp and userAgent as JSON")
    void get_reportsStatus() {
        Scenario scenario = GradingAssertions.scenario("the backend reads bob's status", GUIDE, "Step 3");
        Client bob = scenario.step("connect bob", () -> connect("bob-token"));
        String bobId = whoamiId(scenario, bob, "bob");
        HttpResponse<String> response = scenario.step("GET /@connections/" + bobId,
                () -> connections("GET", bobId, Lab12Routes.API_KEY, null));
        scenario.expectEquals("GET status", 200, response.statusCode(), "a connected id has a status");
        scenario.expectTrue("Content-Type should be application/json, got "
                        + response.headers().firstValue("Content-Type").orElse("none"),
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "the status is a JSON document");
        JsonNode status = scenario.step("parse the body as JSON", () -> JSON.readTree(response.body()));
        scenario.expectTrue("connectedAt and lastActiveAt present", status.hasNonNull("connectedAt")
                && status.hasNonNull("lastActiveAt"), "the backend sees when the client came and was last active");
        scenario.expectEquals("identity.sourceIp", "127.0.0.1", status.at("/identity/sourceIp").asText(),
                "the address the client connected from");
        scenario.expectTrue("identity.userAgent should be the JDK client's, got " + status.at("/identity/userAgent"),
                status.at("/identity/userAgent").asText().startsWith("Java-http-client"),
                "the User-Agent of the upgrade request, kept since $connect");
    }

    @Test
    @Points(2)
    @DisplayName("@connections without the right API key answers 403 and delivers nothing")
    void wrongKey_403() {
        Scenario scenario = GradingAssertions.scenario("a stranger posts to bob", GUIDE, "Step 3");
        Client bob = scenario.step("connect bob", () -> connect("bob-token"));
        // Ask bob's id through a route: the answer proves $connect has registered him.
        String bobId = whoamiId(scenario, bob, "bob");
        HttpResponse<String> noKey = scenario.step("POST without x-api-key", () -> connections("POST", bobId, null, "spam"));
        scenario.expectEquals("status without a key", 403, noKey.statusCode(), "only the backend may post");
        HttpResponse<String> guessed = scenario.step("POST with x-api-key: guessed",
                () -> connections("POST", bobId, "guessed", "spam"));
        scenario.expectEquals("status with a wrong key", 403, guessed.statusCode(), "a guessed key is no key");
        String id = whoamiId(scenario, bob, "bob");
        scenario.expectEquals("bob's next message is his whoami answer (no spam before it)", bobId, id,
                "a refused POST must not reach the client");
    }

    @Test
    @Points(3)
    @DisplayName("DELETE /@connections/{id} disconnects the client (204); $disconnect tells the others; then 410")
    void delete_disconnects() {
        Scenario scenario = GradingAssertions.scenario("the backend disconnects alice", GUIDE, "Step 4");
        Client alice = scenario.step("connect alice", () -> connect("alice-token"));
        Client bob = scenario.step("connect bob", () -> connect("bob-token"));
        String aliceId = whoamiId(scenario, alice, "alice");
        HttpResponse<String> delete = scenario.step("DELETE /@connections/" + aliceId,
                () -> connections("DELETE", aliceId, Lab12Routes.API_KEY, null));
        scenario.expectEquals("DELETE status", 204, delete.statusCode(), "DELETE answers 204 No Content");
        int code = scenario.step("wait for alice's close", () -> alice.closed.get(5, TimeUnit.SECONDS));
        scenario.expectEquals("alice's close code", 1000, code, "the server closes with 1000 (normal closure)");
        JsonNode left = scenario.step("read bob's next message", bob::next);
        scenario.expectEquals("bob is told who left", "alice", left.path("left").asText(), "$disconnect tells the others");
        String departure = scenario.step("read the $disconnect record", () -> chat.departures().poll(5, TimeUnit.SECONDS));
        scenario.expectEquals("$disconnect record", "alice 1000", departure, "$disconnect runs once, with the close code");
        HttpResponse<String> gone = scenario.step("GET /@connections/" + aliceId + " again",
                () -> connections("GET", aliceId, Lab12Routes.API_KEY, null));
        scenario.expectEquals("status of a gone id", 410, gone.statusCode(), "410 Gone: the id names no connection now");
    }

    @Test
    @Points(2)
    @DisplayName("Your $disconnect runs even when a client vanishes without a close frame")
    void abruptDrop_stillDisconnects() {
        Scenario scenario = GradingAssertions.scenario("carol's TCP connection is reset", GUIDE, "Background");
        Client bob = scenario.step("connect bob", () -> connect("bob-token"));
        scenario.step("carol: connect(), write() the upgrade, read() the 101, then close() with RST", () -> {
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), chat.server().port())) {
                raw.setSoTimeout(5_000);
                raw.getOutputStream().write(Lab08Handshake.request(chat.server().port(), "/chat?token=carol-token", "")
                        .getBytes(StandardCharsets.US_ASCII));
                String head = Lab08Handshake.readHead(raw.getInputStream());
                if (!head.startsWith("HTTP/1.1 101")) {
                    throw new IllegalStateException("carol was not upgraded: " + head.lines().findFirst().orElse(""));
                }
                raw.setSoLinger(true, 0); // close() now sends RST: no close frame, no goodbye
            }
        });
        String departure = scenario.step("read the $disconnect record", () -> chat.departures().poll(5, TimeUnit.SECONDS));
        scenario.expectEquals("$disconnect record", "carol 1006", departure,
                "1006: the connection ended without a closing handshake, and $disconnect still ran");
        JsonNode left = scenario.step("read bob's next message", bob::next);
        scenario.expectEquals("bob is told who left", "carol", left.path("left").asText(), "$disconnect tells the others");
    }
}
