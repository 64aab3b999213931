package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Lab 12 — routes and connection management. Guide: labs/guides/12-routes-and-connections.md.
 * The grader uses the JDK's own WebSocket and HTTP clients, so a bug in the lab's code cannot
 * hide behind the same bug in its client.
 */
@Timeout(20)
class Lab12RoutesGradingTest {

    private static final String GUIDE = "labs/guides/12-routes-and-connections.md";
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

    private static String hint(String what, String section) {
        return what + " — read " + GUIDE + ", section \"" + section + "\"";
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

        JsonNode next(String what, String section) throws Exception {
            String message = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as(hint("expected " + what + " within " + WAIT.toSeconds() + " s, got nothing", section))
                    .isNotNull();
            return JSON.readTree(message);
        }
    }

    private Client connect(String token) throws Exception {
        Client client = new Client();
        client.socket = http.newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create(chat.server().uri("/chat?token=" + token)), client).get(10, TimeUnit.SECONDS);
        return client;
    }

    /** The status a refused handshake ended with. */
    private int refusedStatus(String query) throws Exception {
        try {
            http.newWebSocketBuilder().buildAsync(URI.create(chat.server().uri("/chat" + query)), new Client())
                    .get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            return e.getCause() instanceof WebSocketHandshakeException refused ? refused.getResponse().statusCode() : -1;
        }
    }

    private String whoamiId(Client client) throws Exception {
        client.send("{\"action\":\"whoami\"}");
        return client.next("the whoami route response", "Step 2").get("connectionId").asText();
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
    void connectWithoutToken_401() throws Exception {
        assertThat(refusedStatus("")).as(hint("status of an upgrade without ?token=", "Step 1")).isEqualTo(401);
    }

    @Test
    @Points(2)
    @DisplayName("Your $connect refuses an unknown token with 403")
    void connectWithUnknownToken_403() throws Exception {
        assertThat(refusedStatus("?token=stolen")).as(hint("status of an upgrade with an unknown token", "Step 1"))
                .isEqualTo(403);
    }

    @Test
    @Points(3)
    @DisplayName("Your sendmessage route delivers {\"from\",\"text\"} to every connected client")
    void sendMessage_broadcasts() throws Exception {
        Client alice = connect("alice-token");
        Client bob = connect("bob-token");
        alice.send("{\"action\":\"sendmessage\",\"text\":\"hi all\"}");
        for (Client client : new Client[] {alice, bob}) {
            JsonNode message = client.next("the broadcast of alice's message", "Step 2");
            assertThat(message.path("from").asText()).as(hint("the sender's user name", "Step 2")).isEqualTo("alice");
            assertThat(message.path("text").asText()).as(hint("the text alice sent", "Step 2")).isEqualTo("hi all");
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your whoami route answers the caller (a route response) with its connection id and user")
    void whoami_routeResponse() throws Exception {
        Client bob = connect("bob-token");
        bob.send("{\"action\":\"whoami\"}");
        JsonNode answer = bob.next("the whoami answer", "Step 2");
        assertThat(answer.path("user").asText()).as(hint("the user $connect admitted", "Step 2")).isEqualTo("bob");
        assertThat(answer.path("connectionId").asText()).as(hint("connection ids are URL-safe random strings", "Background"))
                .matches("[A-Za-z0-9_-]{8,}");
        assertThat(chat.connections().connectionIds()).contains(answer.path("connectionId").asText());
    }

    @Test
    @Points(2)
    @DisplayName("A message that is not JSON, or has an unknown action, gets your $default answer")
    void defaultRoute() throws Exception {
        Client bob = connect("bob-token");
        bob.send("hello? is this thing on");
        assertThat(bob.next("the $default answer to plain text", "Step 2").path("error").asText())
                .as(hint("not JSON goes to $default", "Background")).isEqualTo("unknown action");
        bob.send("{\"action\":\"dance\"}");
        assertThat(bob.next("the $default answer to an unknown action", "Step 2").path("error").asText())
                .as(hint("an unknown route key goes to $default", "Background")).isEqualTo("unknown action");
    }

    @Test
    @Points(3)
    @DisplayName("POST /@connections/{id} with the API key delivers the body to that client only")
    void post_deliversToOneClient() throws Exception {
        Client alice = connect("alice-token");
        Client bob = connect("bob-token");
        String bobId = whoamiId(bob);
        HttpResponse<String> response = connections("POST", bobId, Lab12Routes.API_KEY, "{\"notice\":\"maintenance\"}");
        assertThat(response.statusCode()).as(hint("POST answers 200 like API Gateway", "Step 3")).isEqualTo(200);
        assertThat(bob.next("the posted notice", "Step 3").path("notice").asText()).isEqualTo("maintenance");
        alice.send("{\"action\":\"whoami\"}");
        assertThat(alice.next("alice's own whoami answer", "Step 3").has("notice"))
                .as(hint("the notice was for bob only", "Step 3")).isFalse();
    }

    @Test
    @Points(2)
    @DisplayName("GET /@connections/{id} reports connectedAt, lastActiveAt, sourceIp and userAgent as JSON")
    void get_reportsStatus() throws Exception {
        Client bob = connect("bob-token");
        String bobId = whoamiId(bob);
        HttpResponse<String> response = connections("GET", bobId, Lab12Routes.API_KEY, null);
        assertThat(response.statusCode()).as(hint("GET of a connected id", "Step 3")).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .as(hint("the status is JSON", "Step 3")).startsWith("application/json"));
        JsonNode status = JSON.readTree(response.body());
        assertThat(status.path("connectedAt").asText()).as(hint("connectedAt (ISO-8601)", "Step 3")).isNotEmpty();
        assertThat(status.path("lastActiveAt").asText()).as(hint("lastActiveAt (ISO-8601)", "Step 3")).isNotEmpty();
        assertThat(status.at("/identity/sourceIp").asText()).as(hint("the client's IP", "Step 3")).isEqualTo("127.0.0.1");
        assertThat(status.at("/identity/userAgent").asText()).as(hint("the upgrade request's User-Agent", "Step 3"))
                .startsWith("Java-http-client");
    }

    @Test
    @Points(2)
    @DisplayName("@connections without the right API key answers 403 and delivers nothing")
    void wrongKey_403() throws Exception {
        Client bob = connect("bob-token");
        String bobId = whoamiId(bob);
        assertThat(connections("POST", bobId, null, "spam").statusCode()).as(hint("no x-api-key", "Step 3")).isEqualTo(403);
        assertThat(connections("POST", bobId, "guessed", "spam").statusCode()).as(hint("a wrong x-api-key", "Step 3"))
                .isEqualTo(403);
        bob.send("{\"action\":\"whoami\"}");
        assertThat(bob.next("bob's whoami answer", "Step 3").has("connectionId"))
                .as(hint("no spam arrived before it", "Step 3")).isTrue();
    }

    @Test
    @Points(3)
    @DisplayName("DELETE /@connections/{id} disconnects the client (204); $disconnect tells the others; then 410")
    void delete_disconnects() throws Exception {
        Client alice = connect("alice-token");
        Client bob = connect("bob-token");
        String aliceId = whoamiId(alice);
        assertThat(connections("DELETE", aliceId, Lab12Routes.API_KEY, null).statusCode())
                .as(hint("DELETE answers 204", "Step 4")).isEqualTo(204);
        assertThat(alice.closed.get(5, TimeUnit.SECONDS)).as(hint("alice's close code", "Step 4")).isEqualTo(1000);
        assertThat(bob.next("the departure notice", "Step 4").path("left").asText()).isEqualTo("alice");
        assertThat(chat.departures().poll(5, TimeUnit.SECONDS)).as(hint("$disconnect ran once", "Step 4"))
                .isEqualTo("alice 1000");
        assertThat(connections("GET", aliceId, Lab12Routes.API_KEY, null).statusCode())
                .as(hint("a gone connection is 410", "Step 4")).isEqualTo(410);
        assertThat(connections("POST", aliceId, Lab12Routes.API_KEY, "late").statusCode()).isEqualTo(410);
    }

    @Test
    @Points(2)
    @DisplayName("Your $disconnect runs even when a client vanishes without a close frame")
    void abruptDrop_stillDisconnects() throws Exception {
        Client bob = connect("bob-token");
        whoamiId(bob);
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), chat.server().port())) {
            raw.setSoTimeout(5_000);
            raw.getOutputStream().write(Lab08Handshake.request(chat.server().port(), "/chat?token=carol-token", "")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(Lab08Handshake.readHead(raw.getInputStream())).startsWith("HTTP/1.1 101");
            raw.setSoLinger(true, 0); // close() now sends RST: no close frame, no goodbye
        }
        assertThat(chat.departures().poll(5, TimeUnit.SECONDS)).as(hint("$disconnect after a dropped TCP connection "
                + "(1006: no closing handshake)", "Background")).isEqualTo("carol 1006");
        assertThat(bob.next("the departure notice", "Step 4").path("left").asText()).isEqualTo("carol");
    }
}
