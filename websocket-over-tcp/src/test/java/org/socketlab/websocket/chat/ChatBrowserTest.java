package org.socketlab.websocket.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * End to end: two headless Chromium instances open the chat page the server serves, join a
 * room, type, talk, survive a server restart on the same port by reconnecting, and are refused
 * when the page comes from another origin. Everything is waited for explicitly (no sleeps).
 * The two browsers start once for the class (in parallel) and are reused by every test.
 */
@Timeout(90)
class ChatBrowserTest {

    private static Chromium first;
    private static Chromium second;
    private ChatServer server;
    private ChatPage ana;
    private ChatPage bob;

    @BeforeAll
    static void startBrowsers() throws Exception {
        Chromium.require();
        CompletableFuture<Chromium> a = CompletableFuture.supplyAsync(() -> startChromium(900, 700));
        CompletableFuture<Chromium> b = CompletableFuture.supplyAsync(() -> startChromium(375, 740));
        // (the second one emulates a phone: desktop Chromium windows cannot be narrower than 500 px)
        first = a.join();
        second = b.join();
    }

    private static Chromium startChromium(int width, int height) {
        try {
            return Chromium.start(width, height);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopBrowsers() throws Exception {
        for (Chromium browser : new Chromium[] {first, second}) {
            if (browser != null) {
                browser.close();
            }
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        server = ChatServer.builder().start();
        ana = new ChatPage(first.driver(), "ana's page");
        bob = new ChatPage(second.driver(), "bob's page (375 px wide)");
    }

    @AfterEach
    void stopServer() {
        // Leave the pages so their reconnect timers do not knock on the next test's server.
        first.driver().get("about:blank");
        second.driver().get("about:blank");
        server.stop(Duration.ofSeconds(1));
    }

    private void bothJoinLobby() {
        ana.open(server.url(), "lobby", "ana");
        bob.open(server.url(), "lobby", "bob");
        ana.await("bob in the presence list", d -> ana.presence().equals(List.of("ana", "bob")));
        bob.await("ana in the presence list", d -> bob.presence().equals(List.of("ana", "bob")));
    }

    @Test
    void twoPagesJoin_seeEachOther_typeAndExchangeMessages() {
        bothJoinLobby();
        assertThat(ana.status()).isEqualTo("online");
        assertThat(ana.text("online-count")).isEqualTo("2");
        assertThat(ana.systemLines()).contains("bob joined");

        ana.type("hello b");
        bob.await("the typing indicator", d -> bob.text("typing").equals("ana is typing…"));
        ana.type("ob");
        ana.pressEnter();
        bob.await("ana's message", d -> bob.messageTexts().contains("hello bob"));
        bob.await("the typing indicator to clear", d -> bob.text("typing").isEmpty());

        bob.say("hi ana, 안녕하세요 👋");
        ana.await("bob's reply", d -> ana.messageTexts().equals(List.of("hello bob", "hi ana, 안녕하세요 👋")));

        bob.driver().get("about:blank");
        ana.await("bob to leave", d -> ana.presence().equals(List.of("ana")));
        assertThat(ana.systemLines()).contains("bob left");
    }

    /** Chromium offers permessage-deflate on every connection (RFC 7692); the chat endpoint accepts it. */
    @Test
    void chromiumNegotiatesPermessageDeflate_withTheChatEndpoint() {
        bothJoinLobby();
        Object extensions = ana.asyncScript("""
                const done = arguments[arguments.length - 1];
                const ws = new WebSocket('ws://' + location.host + '/ws/chat');
                ws.onopen = () => { done(ws.extensions); ws.close(); };
                ws.onerror = () => done('error');""");
        assertThat(extensions).as("the extensions Chromium and the chat agreed on")
                .isEqualTo("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        ana.say("a message long enough to be compressed: " + "0123456789".repeat(10));
        bob.await("ana's compressed message", d -> bob.messageTexts().contains(
                "a message long enough to be compressed: " + "0123456789".repeat(10)));
    }

    @Test
    void aLateJoiner_seesTheHistory() {
        ana.open(server.url(), "history", "ana");
        ana.say("first");
        ana.say("second");
        ana.await("both messages", d -> ana.messageTexts().size() == 2);
        bob.open(server.url(), "history", "bob");
        bob.await("the history", d -> bob.messageTexts().equals(List.of("first", "second")));
    }

    @Test
    void markupInAMessage_isShownAsText_neverRun() {
        bothJoinLobby();
        String attack = "<img src=x onerror=\"window.pwned=1\"><b>bold?</b>";
        ana.say(attack);
        bob.await("the message, as text", d -> bob.messageTexts().contains(attack));
        assertThat(bob.script("return document.querySelectorAll('#messages img, #messages b').length")).isEqualTo(0L);
        assertThat(bob.script("return window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void afterAServerRestartOnTheSamePort_bothPagesReconnect_rejoin_andChatAgain() throws Exception {
        bothJoinLobby();
        int port = server.port();
        server.stop(Duration.ofSeconds(1));
        ana.await("the indicator to leave 'online'", d -> ana.status().equals("reconnecting"));
        bob.await("the indicator to leave 'online'", d -> bob.status().equals("reconnecting"));

        // SO_REUSEADDR (TcpServer's default) lets the new server bind the port at once.
        server = ChatServer.builder().port(port).start();
        // Each page re-joins on its own, so either may be listed first.
        ana.await("reconnect and re-join", d -> ana.status().equals("online")
                && ana.presence().stream().sorted().toList().equals(List.of("ana", "bob")));
        bob.await("reconnect and re-join", d -> bob.status().equals("online")
                && bob.presence().stream().sorted().toList().equals(List.of("ana", "bob")));
        ana.say("still here?");
        bob.await("the message after the restart", d -> bob.messageTexts().contains("still here?"));
        assertThat(server.rooms().memberCounts()).containsEntry("lobby", 2);
    }

    @Test
    void afterARestartWithWebSocketOff_bothPagesFallBackToSockJs_rejoin_andChatAgain() throws Exception {
        bothJoinLobby();
        assertThat(first.driver().findElement(org.openqa.selenium.By.id("status")).getDomAttribute("data-transport"))
                .isEqualTo("websocket");
        int port = server.port();
        server.stop(Duration.ofSeconds(1));
        ana.await("the indicator to leave 'online'", d -> ana.status().equals("reconnecting"));

        // The same port, but /ws/chat now refuses WebSocket (404), as a WebSocket-hostile proxy would.
        server = ChatServer.builder().port(port).webSocketEnabled(false).start();
        ana.await("reconnect over SockJS and re-join", d -> ana.status().equals("online")
                && ana.presence().stream().sorted().toList().equals(List.of("ana", "bob")));
        bob.await("reconnect over SockJS and re-join", d -> bob.status().equals("online")
                && bob.presence().stream().sorted().toList().equals(List.of("ana", "bob")));
        assertThat(first.driver().findElement(org.openqa.selenium.By.id("status")).getDomAttribute("data-transport"))
                .startsWith("sockjs:");
        ana.say("over sockjs ✓");
        bob.await("the message over SockJS", d -> bob.messageTexts().contains("over sockjs ✓"));
        bob.say("back at you");
        ana.await("the answer over SockJS", d -> ana.messageTexts().contains("back at you"));
        assertThat(server.rooms().memberCounts()).containsEntry("lobby", 2);
    }

    @Test
    void aPageFromAnotherOrigin_isRefused_whileTheServersOwnPageConnects() throws Exception {
        String probe = """
                const done = arguments[arguments.length - 1];
                const socket = new WebSocket(arguments[0]);
                socket.onopen = () => { socket.close(); done('open'); };
                socket.onclose = (event) => done('closed ' + event.code);""";
        try (ChatServer elsewhere = ChatServer.builder().start()) {
            // A page of origin http://127.0.0.1:<other port>. Not the chat page: its CSP
            // (connect-src 'self') would stop the script before the server is even asked.
            ana.driver().get(elsewhere.url() + "any-other-page");
            Object refused = ana.asyncScript(probe, server.webSocketUri());
            assertThat(refused).as("the browser only sees that the handshake failed (no 101)").isEqualTo("closed 1006");
        }
        ana.driver().get(server.url());
        assertThat(ana.asyncScript(probe, server.webSocketUri())).isEqualTo("open");
    }

    @Test
    void onAPhoneSizedScreen_nothingOverflowsSideways() {
        bothJoinLobby();
        bob.say("a-very-long-word-without-spaces-".repeat(8));
        bob.await("the long message", d -> bob.messageTexts().size() == 1);
        long viewport = (Long) bob.script("return window.innerWidth");
        long content = (Long) bob.script("return document.documentElement.scrollWidth");
        assertThat(viewport).isLessThanOrEqualTo(400);
        assertThat(content).isLessThanOrEqualTo(viewport);
        assertThat((Boolean) bob.script("const r = document.getElementById('send').getBoundingClientRect();"
                + " return r.right <= window.innerWidth && r.bottom <= window.innerHeight;")).isTrue();
    }
}
