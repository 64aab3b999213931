package org.socketlab.websocket.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.testing.RawHttp;

/** The chat over real loopback WebSockets, through our own client, as a browser page would use it. */
@Timeout(30)
class ChatServerTest {

    private ChatServer server;
    private final List<ChatTestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = ChatServer.builder().limits(ChatLimits.defaults().withHistorySize(3)).start();
    }

    @AfterEach
    void stop() {
        clients.forEach(ChatTestClient::close);
        server.stop(Duration.ofSeconds(2));
    }

    private ChatTestClient client() throws Exception {
        ChatTestClient client = ChatTestClient.connect(server);
        clients.add(client);
        return client;
    }

    private static List<String> texts(JsonNode messages) {
        List<String> texts = new ArrayList<>();
        messages.forEach(message -> texts.add(message.path("text").asText()));
        return texts;
    }

    @Nested
    class RoomsAndPresence {

        @Test
        void joiningSendsWelcomeHistoryAndPresence_andOthersSeeTheNewMember() throws Exception {
            ChatTestClient ana = client();
            assertThat(ana.join("lobby", "ana").path("nick").asText()).isEqualTo("ana");
            assertThat(ana.next("history").path("messages")).isEmpty();
            ana.presence("ana");

            ChatTestClient bob = client();
            bob.join("lobby", "bob");
            JsonNode seenByAna = ana.presence("ana", "bob");
            assertThat(seenByAna.path("joined").asText()).isEqualTo("bob");
            bob.presence("ana", "bob");
        }

        @Test
        void aMessageReachesEveryMemberOfTheRoom_andNobodyElse() throws Exception {
            ChatTestClient ana = client();
            ChatTestClient bob = client();
            ChatTestClient eve = client();
            ana.join("lobby", "ana");
            bob.join("lobby", "bob");
            eve.join("other", "eve");
            ana.presence("ana", "bob");

            ana.say("hello bob");
            for (ChatTestClient member : List.of(ana, bob)) {
                JsonNode message = member.next("message");
                assertThat(message.path("nick").asText()).isEqualTo("ana");
                assertThat(message.path("text").asText()).isEqualTo("hello bob");
                assertThat(message.path("room").asText()).isEqualTo("lobby");
                assertThat(message.path("id").asLong()).isEqualTo(1);
            }
            eve.say("anyone?");
            assertThat(eve.next("message").path("text").asText()).isEqualTo("anyone?");
            assertThat(ana.drain()).noneMatch(event -> event.path("text").asText().equals("anyone?"));
        }

        @Test
        void leavingAndDisconnectingUpdatePresence() throws Exception {
            ChatTestClient ana = client();
            ChatTestClient bob = client();
            ana.join("lobby", "ana");
            bob.join("lobby", "bob");
            ana.presence("ana", "bob");

            bob.send("{\"type\":\"leave\"}");
            assertThat(ana.presence("ana").path("left").asText()).isEqualTo("bob");
            bob.join("lobby", "bob");
            ana.presence("ana", "bob");
            bob.close();
            assertThat(ana.presence("ana").path("left").asText()).isEqualTo("bob");
        }

        @Test
        void switchingRooms_leavesTheOldOne() throws Exception {
            ChatTestClient ana = client();
            ChatTestClient bob = client();
            ana.join("lobby", "ana");
            bob.join("lobby", "bob");
            ana.presence("ana", "bob");
            bob.join("random", "bob");
            ana.presence("ana");
            assertThat(server.rooms().memberCounts()).containsEntry("lobby", 1).containsEntry("random", 1);
        }

        @Test
        void atTheRoomLimit_aNewRoomIsRefused_untilAnEmptyOneCanBeEvicted() throws Exception {
            try (ChatServer small = ChatServer.builder().limits(ChatLimits.defaults().withMaxRooms(1)).start();
                 ChatTestClient ana = ChatTestClient.connect(small);
                 ChatTestClient bob = ChatTestClient.connect(small)) {
                ana.join("first", "ana");
                bob.send("{\"type\":\"join\",\"room\":\"second\",\"nick\":\"bob\"}");
                assertThat(bob.next("error").path("code").asText()).isEqualTo("too_many_rooms");
                ana.send("{\"type\":\"leave\"}");
                while (!ana.next("rooms").path("rooms").isEmpty()) {
                    // the list with "first" in it; wait for the one after the leave
                }
                assertThat(bob.join("second", "bob").path("room").asText()).isEqualTo("second");
                assertThat(small.rooms().room("first")).isEmpty();
            }
        }

        @Test
        void aTakenNickname_getsASuffix() throws Exception {
            ChatTestClient first = client();
            ChatTestClient second = client();
            first.join("lobby", "ana");
            assertThat(second.join("lobby", "ana").path("nick").asText()).isEqualTo("ana-2");
        }

        @Test
        void everyConnectionHearsWhichRoomsHaveMembers() throws Exception {
            ChatTestClient watcher = client();
            assertThat(watcher.next("rooms").path("rooms")).isEmpty();
            ChatTestClient ana = client();
            ana.join("lobby", "ana");
            JsonNode rooms = watcher.next("rooms").path("rooms");
            assertThat(rooms.get(0).path("name").asText()).isEqualTo("lobby");
            assertThat(rooms.get(0).path("members").asInt()).isEqualTo(1);
        }

        @Test
        void typingIsRelayedToTheOthers_notBackToTheTypist() throws Exception {
            ChatTestClient ana = client();
            ChatTestClient bob = client();
            ana.join("lobby", "ana");
            bob.join("lobby", "bob");
            ana.presence("ana", "bob");
            ana.send("{\"type\":\"typing\"}");
            JsonNode typing = bob.next("typing");
            assertThat(typing.path("nick").asText()).isEqualTo("ana");
            ana.say("done typing"); // a marker: nothing else may have arrived before it
            ana.next("message");
            assertThat(ana.seen()).noneMatch(event -> event.path("type").asText().equals("typing"));
        }
    }

    @Nested
    class History {

        @Test
        void aNewMemberGetsTheLastMessages_boundedByTheHistorySize() throws Exception {
            ChatTestClient ana = client();
            ana.join("lobby", "ana");
            for (int i = 1; i <= 5; i++) {
                ana.say("message " + i);
                ana.next("message");
            }
            ChatTestClient bob = client();
            bob.join("lobby", "bob");
            JsonNode history = bob.next("history");
            assertThat(texts(history.path("messages"))).containsExactly("message 3", "message 4", "message 5");
            assertThat(history.path("messages").get(2).path("id").asLong()).isEqualTo(5);
            assertThat(server.rooms().room("lobby").orElseThrow().history()).hasSize(3);
        }
    }

    @Nested
    class Validation {

        @Test
        void textThatIsNotJson_getsAnErrorEvent_andTheConnectionStaysOpen() throws Exception {
            ChatTestClient ana = client();
            ana.send("hello?");
            assertThat(ana.next("error").path("code").asText()).isEqualTo("invalid_json");
            ana.send("[1,2]");
            assertThat(ana.next("error").path("code").asText()).isEqualTo("invalid_json");
            ana.send("{\"type\":\"dance\"}");
            assertThat(ana.next("error").path("code").asText()).isEqualTo("unknown_type");
            assertThat(ana.join("lobby", "ana").path("nick").asText()).isEqualTo("ana");
        }

        @Test
        void aMessageBeforeJoining_isRefused() throws Exception {
            ChatTestClient ana = client();
            ana.say("hi");
            assertThat(ana.next("error").path("code").asText()).isEqualTo("not_joined");
        }

        @Test
        void nicknamesAndRoomsWithMarkupOrBadLength_areRefused() throws Exception {
            ChatTestClient ana = client();
            ana.send("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"<b>ana</b>\"}");
            assertThat(ana.next("error").path("code").asText()).isEqualTo("invalid_nick");
            ana.send("{\"type\":\"join\",\"room\":\"lobby\",\"nick\":\"" + "a".repeat(25) + "\"}");
            assertThat(ana.next("error").path("code").asText()).isEqualTo("invalid_nick");
            ana.send("{\"type\":\"join\",\"room\":\"../etc\",\"nick\":\"ana\"}");
            assertThat(ana.next("error").path("code").asText()).isEqualTo("invalid_room");
            ana.send("{\"type\":\"join\",\"room\":123,\"nick\":\"ana\"}");
            assertThat(ana.next("error").path("code").asText()).isEqualTo("invalid_json");
        }

        @Test
        void aTooLongMessage_isRefused_andNotRelayed() throws Exception {
            ChatTestClient ana = client();
            ana.join("lobby", "ana");
            ana.say("x".repeat(1001));
            JsonNode error = ana.next("error");
            assertThat(error.path("code").asText()).isEqualTo("too_long");
            assertThat(error.path("message").asText()).contains("1000").contains("1001");
            assertThat(server.rooms().room("lobby").orElseThrow().history()).isEmpty();
        }

        @Test
        void markupIsRelayedAsText_exactlyAsSent() throws Exception {
            ChatTestClient ana = client();
            ana.join("lobby", "ana");
            String attack = "<img src=x onerror=\"alert(1)\"> & <script>alert(2)</script>";
            ana.say(attack);
            assertThat(ana.next("message").path("text").asText()).isEqualTo(attack);
        }

        @Test
        void tooManyMessagesAtOnce_areDroppedWithRateLimitedErrors() throws Exception {
            ChatTestClient ana = client();
            ana.join("lobby", "ana");
            for (int i = 0; i < 30; i++) {
                ana.say("flood " + i);
            }
            assertThat(ana.next("error").path("code").asText()).isEqualTo("rate_limited");
            assertThat(server.rooms().room("lobby").orElseThrow().history().size()).isLessThanOrEqualTo(3);
        }

        @Test
        void aFrameLargerThanAnyLegalCommand_isClosedWith1009() throws Exception {
            ChatTestClient ana = client();
            ana.send("{\"type\":\"message\",\"text\":\"" + "x".repeat((int) ChatLimits.defaults().maxFrameBytes()) + "\"}");
            assertThat(ana.awaitClose().code()).isEqualTo(1009);
        }

        @Test
        void aBinaryMessage_isClosedWith1003() throws Exception {
            ChatTestClient ana = client();
            ana.sendBinary("not json".getBytes(StandardCharsets.UTF_8));
            assertThat(ana.awaitClose().code()).isEqualTo(1003);
        }
    }

    @Nested
    class OriginsAndStaticFiles {

        @Test
        void aPageFromAnotherOrigin_isRefusedWith403() {
            assertThatThrownBy(() -> WebSocketClient.connect(URI.create(server.webSocketUri()),
                    new WebSocketHandler() { }, ClientOptions.defaults().origin("http://evil.example")))
                    .isInstanceOfSatisfying(HttpException.class, refused -> assertThat(refused.status()).isEqualTo(403));
        }

        @Test
        void theServersOwnOrigins_andNonBrowserClients_areAllowed() throws Exception {
            assertThat(server.allowedOrigins()).contains("http://127.0.0.1:" + server.port(),
                    "http://localhost:" + server.port());
            clients.add(ChatTestClient.connect(server, "http://localhost:" + server.port()));
            clients.add(ChatTestClient.connect(server, null));
            // Both handshakes succeeded (connect() returned after the 101); the server registers
            // a session just after writing the 101, so wait for that, bounded.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (server.webSocketServer().sessions().size() < 2 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
            assertThat(server.webSocketServer().sessions()).hasSize(2);
        }

        @Test
        void configuredExtraOrigins_areAllowed() throws Exception {
            try (ChatServer proxied = ChatServer.builder().allowedOrigins("https://chat.example").start();
                 ChatTestClient client = ChatTestClient.connect(proxied, "https://chat.example")) {
                assertThat(client.session().isOpen()).isTrue();
            }
        }

        @Test
        void thePageIsServedOnTheSamePort() throws Exception {
            HttpResponse page = RawHttp.send(server.port(), "GET", "/", "", "");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.headers().first("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.bodyText()).contains("<script src=\"/chat.js\"");
            assertThat(RawHttp.send(server.port(), "GET", "/chat.js", "", "").bodyText()).contains("new WebSocket(");
            assertThat(RawHttp.send(server.port(), "GET", "/%2e%2e/%2e%2e/pom.xml", "", "").status()).isEqualTo(404);
        }

        /** RFC 9112 §9.3: the page's files come over one persistent connection (the JDK client pools it). */
        @Test
        void twoStaticRequests_reuseOneConnection() throws Exception {
            long acceptedBefore = server.frontDoor().acceptedConnections();
            try (HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                for (String path : List.of("/", "/chat.js")) {
                    java.net.http.HttpResponse<String> file = browser.send(
                            HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).build(),
                            BodyHandlers.ofString());
                    assertThat(file.statusCode()).as("GET %s", path).isEqualTo(200);
                    assertThat(file.headers().firstValue("Connection")).as("GET %s", path).hasValue("keep-alive");
                }
            }
            assertThat(server.frontDoor().acceptedConnections() - acceptedBefore)
                    .as("connections accepted for two static requests").isEqualTo(1);
        }
    }
}
