package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.DevToolsBrowser;
import org.socketlab.labs.Lab11BrowserChat;
import org.socketlab.labs.Narrator;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.chat.ChatServer;
import org.socketlab.websocket.client.WebSocketClient;

/** Lab 11 — a chat with a browser client. Guide: labs/guides/11-browser-chat.md. */
@Timeout(60)
class Lab11BrowserChatGradingTest {

    private static final String GUIDE = "labs/guides/11-browser-chat.md";
    private static final ObjectMapper JSON = new ObjectMapper();
    private ChatServer server;
    private final List<Member> members = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Narrator quiet = new Narrator(new PrintStream(OutputStream.nullOutputStream()));
        server = Lab11BrowserChat.start(quiet, "127.0.0.1", 0, List.of());
    }

    @AfterEach
    void stop() {
        members.forEach(Member::close);
        server.stop(Duration.ofSeconds(1));
    }

    private static String hint(String what, String section) {
        return what + " — read " + GUIDE + ", section \"" + section + "\"";
    }

    // ---- the page: plain HTTP on the same port ----------------------------------------------

    /**
     * One request on a fresh connection that asks the server to close after its answer
     * ({@code Connection: close}, RFC 9112 §9.6: the page is served on persistent connections
     * otherwise), read to the end.
     */
    private String http(String requestLine, String... headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            StringBuilder request = new StringBuilder(requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String headerOf(String response, String name) {
        for (String line : response.substring(0, Math.max(0, response.indexOf("\r\n\r\n"))).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static String bodyOf(String response) {
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? "" : response.substring(end + 4);
    }

    @Test
    @Points(2)
    @DisplayName("Your server serves the chat page at / as text/html, on the same port as /ws/chat")
    void servesThePage() throws IOException {
        String response = http("GET /");
        assertThat(response).as(hint("GET / must answer 200 with the page", "Steps")).startsWith("HTTP/1.1 200");
        assertThat(headerOf(response, "Content-Type")).as(hint("the page's Content-Type", "Serving the page"))
                .startsWith("text/html");
        assertThat(bodyOf(response)).as(hint("the page must load /chat.js", "Serving the page")).contains("chat.js");
    }

    @Test
    @Points(1)
    @DisplayName("Your server serves chat.js and chat.css with their Content-Types and X-Content-Type-Options: nosniff")
    void servesScriptAndStyles() throws IOException {
        String script = http("GET /chat.js");
        String styles = http("GET /chat.css");
        assertThat(headerOf(script, "Content-Type")).as(hint("chat.js's Content-Type", "Serving the page"))
                .startsWith("text/javascript");
        assertThat(headerOf(styles, "Content-Type")).as(hint("chat.css's Content-Type", "Serving the page"))
                .startsWith("text/css");
        assertThat(headerOf(script, "X-Content-Type-Options")).as(hint("nosniff", "Security checklist"))
                .isEqualToIgnoringCase("nosniff");
    }

    @Test
    @Points(2)
    @DisplayName("Your static file handler answers 404 to path traversal (../, %2e%2e, backslashes) and unknown files")
    void refusesPathTraversal() throws IOException {
        for (String target : List.of("/../pom.xml", "/%2e%2e/%2e%2e/pom.xml", "/..%2f..%2fpom.xml", "/..\\pom.xml",
                "/%252e%252e/pom.xml", "/missing.html")) {
            assertThat(http("GET " + target)).as(hint("GET " + target + " must be 404", "Security checklist"))
                    .startsWith("HTTP/1.1 404");
        }
    }

    @Test
    @Points(1)
    @DisplayName("Your server answers HEAD with the headers of GET (Content-Length included) and no body")
    void headHasNoBody() throws IOException {
        String get = http("GET /chat.css");
        String head = http("HEAD /chat.css");
        assertThat(head).as(hint("HEAD must answer 200", "Serving the page")).startsWith("HTTP/1.1 200");
        assertThat(headerOf(head, "Content-Length")).as(hint("HEAD's Content-Length is GET's", "Serving the page"))
                .isEqualTo(headerOf(get, "Content-Length"));
        assertThat(bodyOf(head)).as(hint("RFC 9110 §9.3.2: no content after HEAD", "Serving the page")).isEmpty();
    }

    // ---- the chat protocol -------------------------------------------------------------------

    /** A participant on our Java client; events are parsed JSON, waited for with a timeout. */
    private final class Member implements AutoCloseable {
        final LinkedBlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        final Session session;

        Member() throws Exception {
            session = WebSocketClient.connect(URI.create(server.webSocketUri()), new WebSocketHandler() {
                @Override
                public void onText(Session s, String text) {
                    try {
                        events.add(JSON.readTree(text));
                    } catch (IOException e) {
                        events.add(TextNode.valueOf("not JSON: " + text));
                    }
                }
            });
            members.add(this);
        }

        Member join(String room, String nick) throws InterruptedException {
            send("{\"type\":\"join\",\"room\":\"" + room + "\",\"nick\":\"" + nick + "\"}");
            next("welcome", "Steps");
            return this;
        }

        void say(String text) {
            send("{\"type\":\"message\",\"text\":" + TextNode.valueOf(text) + "}");
        }

        void send(String raw) {
            session.sendText(raw);
        }

        JsonNode next(String type, String section) throws InterruptedException {
            List<JsonNode> skipped = new ArrayList<>();
            while (true) {
                JsonNode event = events.poll(5, TimeUnit.SECONDS);
                assertThat(event).as(hint("expected a \"" + type + "\" event within 5 s; received before it: " + skipped,
                        section)).isNotNull();
                if (type.equals(event.path("type").asText())) {
                    return event;
                }
                skipped.add(event);
            }
        }

        JsonNode presenceWith(int size) throws InterruptedException {
            while (true) {
                JsonNode presence = next("presence", "The protocol");
                if (presence.path("nicks").size() == size) {
                    return presence;
                }
            }
        }

        @Override
        public void close() {
            if (session.isOpen()) {
                session.close();
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("A message sent in a room reaches every member of that room, with the sender's nickname")
    void messagesReachTheRoom() throws Exception {
        Member ana = new Member().join("lobby", "ana");
        Member bob = new Member().join("lobby", "bob");
        ana.presenceWith(2);
        ana.say("hello bob");
        for (Member member : List.of(ana, bob)) {
            JsonNode message = member.next("message", "The protocol");
            assertThat(message.path("text").asText()).as(hint("the relayed text", "The protocol")).isEqualTo("hello bob");
            assertThat(message.path("nick").asText()).as(hint("the sender's nickname", "The protocol")).isEqualTo("ana");
        }
    }

    @Test
    @Points(2)
    @DisplayName("Presence: members see who joins and who leaves their room")
    void presenceFollowsJoinsAndLeaves() throws Exception {
        Member ana = new Member().join("lobby", "ana");
        Member bob = new Member().join("lobby", "bob");
        JsonNode both = ana.presenceWith(2);
        assertThat(both.path("nicks").toString()).as(hint("presence lists both", "The protocol"))
                .contains("\"ana\"").contains("\"bob\"");
        bob.close();
        JsonNode alone = ana.presenceWith(1);
        assertThat(alone.path("left").asText()).as(hint("presence names who left", "The protocol")).isEqualTo("bob");
    }

    @Test
    @Points(2)
    @DisplayName("A member who joins late receives the room's history: the last 50 messages, oldest first")
    void historyIsBounded() throws Exception {
        List<Member> talkers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            talkers.add(new Member().join("lobby", "talker" + i));
        }
        Member last = talkers.get(talkers.size() - 1);
        for (Member talker : talkers) {
            for (int n = 0; n < 10; n++) {
                talker.say("message " + n);
            }
        }
        for (int received = 0; received < 60; received++) {
            last.next("message", "History");
        }
        Member late = new Member();
        late.send("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"late\"}");
        JsonNode history = late.next("history", "History").path("messages");
        assertThat(history.size()).as(hint("60 messages were said; history keeps the last 50", "History")).isEqualTo(50);
        assertThat(history.get(49).path("id").asLong()).as(hint("the newest message comes last", "History"))
                .isGreaterThan(history.get(0).path("id").asLong());
    }

    @Test
    @Points(2)
    @DisplayName("Bad input (not JSON, a 1,001-character message, a nickname with markup) gets an error event; the connection stays open")
    void badInputGetsErrorEvents() throws Exception {
        Member ana = new Member();
        ana.send("this is not JSON");
        assertThat(ana.next("error", "Validation").path("code").asText()).isEqualTo("invalid_json");
        ana.send("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"<script>\"}");
        assertThat(ana.next("error", "Validation").path("code").asText()).isEqualTo("invalid_nick");
        ana.join("lobby", "ana");
        ana.say("x".repeat(1001));
        assertThat(ana.next("error", "Validation").path("code").asText()).isEqualTo("too_long");
        assertThat(ana.session.isOpen()).as(hint("errors must not close the connection", "Validation")).isTrue();
    }

    @Test
    @Points(2)
    @DisplayName("Markup in a message is relayed unchanged, and the page never uses innerHTML for it")
    void markupStaysText() throws Exception {
        Member ana = new Member().join("lobby", "ana");
        String attack = "<img src=x onerror=alert(1)>";
        ana.say(attack);
        assertThat(ana.next("message", "Security checklist").path("text").asText()).isEqualTo(attack);
        String script = bodyOf(http("GET /chat.js"));
        assertThat(script).as(hint("the page shows user text with textContent", "Security checklist"))
                .contains("textContent").doesNotContain(".innerHTML").doesNotContain("insertAdjacentHTML");
    }

    @Test
    @Points(1)
    @DisplayName("A typing notice is relayed to the other members of the room")
    void typingIsRelayed() throws Exception {
        Member ana = new Member().join("lobby", "ana");
        Member bob = new Member().join("lobby", "bob");
        ana.presenceWith(2);
        ana.send("{\"type\":\"typing\"}");
        assertThat(bob.next("typing", "The protocol").path("nick").asText()).isEqualTo("ana");
    }

    @Test
    @Points(2)
    @DisplayName("A handshake from a foreign Origin is refused with 403; the server's own origin gets 101")
    void foreignOriginsAreRefused() throws IOException {
        try (WsWire foreign = WsWire.upgrade(server.port(), "/ws/chat", "Origin: http://evil.example\r\n")) {
            assertThat(foreign.status()).as(hint("Cross-Site WebSocket Hijacking: refuse other origins",
                    "Security checklist")).isEqualTo(403);
        }
        try (WsWire own = WsWire.upgrade(server.port(), "/ws/chat", "Origin: http://127.0.0.1:" + server.port() + "\r\n")) {
            assertThat(own.status()).as(hint("the page's own origin must be allowed", "Security checklist")).isEqualTo(101);
        }
    }

    @Test
    @Points(3)
    @DisplayName("A real browser (headless Chromium) joins through the page and chats with a Java client")
    void aBrowserChats() throws Exception {
        boolean present = Files.isExecutable(java.nio.file.Path.of("/usr/bin/chromium"));
        String install = "Chromium is missing: run `apt-get install -y chromium`";
        if (!present && "true".equalsIgnoreCase(System.getenv("SOCKETLAB_REQUIRE_PEERS"))) {
            throw new AssertionError("SOCKETLAB_REQUIRE_PEERS=true but a peer is missing. " + install);
        }
        assumeTrue(present, install);
        Member bob = new Member().join("lobby", "bob");
        try (DevToolsBrowser browser = DevToolsBrowser.launch(java.nio.file.Path.of("/usr/bin/chromium"))) {
            browser.navigate(server.url() + "?room=lobby&nick=ana");
            bob.presenceWith(2);
            bob.say("hi from java");
            browser.awaitTrue("[...document.querySelectorAll('#messages .text')].some(e => e.textContent === 'hi from java')",
                    Duration.ofSeconds(10));
            browser.evaluate("document.getElementById('text').value = 'hi from chromium';"
                    + " document.getElementById('composer').requestSubmit(); true");
            JsonNode message;
            do {
                message = bob.next("message", "What you should see");
            } while (!message.path("nick").asText().equals("ana"));
            assertThat(message.path("text").asText()).as(hint("the page's message", "What you should see"))
                    .isEqualTo("hi from chromium");
        }
    }
}
