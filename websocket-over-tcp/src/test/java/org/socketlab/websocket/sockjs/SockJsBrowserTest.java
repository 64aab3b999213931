package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.chat.Chromium;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.server.FrontDoor;

/**
 * The official {@code sockjs-client} browser bundle (served by the front door at
 * {@code /sockjs.min.js}) in headless Chromium, one transport forced at a time — every one
 * Chromium enables, the iframe-based ones included: ASCII, Unicode and a 64 KiB message come
 * back in order, and a {@code /close} session reports the server's 3000 "Go away!".
 */
@Timeout(120)
class SockJsBrowserTest {

    private static FrontDoor door;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws IOException {
        Chromium.require();
        assertThat(SockJsClientLibrary.bytes()).as("sockjs.min.js on the classpath (npm ci in .ci/node, then build)")
                .isPresent();
        byte[] page;
        try (InputStream in = SockJsBrowserTest.class.getResourceAsStream("/sockjs/transports.html")) {
            page = in.readAllBytes();
        }
        FrontDoor.Builder builder = FrontDoor.builder().host("127.0.0.1").port(0);
        builder.addHandler(new WebSocketHandler() {
            @Override
            public void onText(Session session, String text) {
                session.sendText(text);
            }
        }, "/echo").setAllowedOrigins("*").withSockJS().setStreamBytesLimit(4096); // the page's port is not known yet
        builder.addHandler(new WebSocketHandler() {
            @Override
            public void onOpen(Session session) {
                session.close(3000, "Go away!");
            }
        }, "/close").setAllowedOrigins("*").withSockJS();
        builder.get("/transports.html", (request, remote) -> HttpResponse.withBody(200, new HttpHeaders(),
                "text/html; charset=UTF-8", page));
        door = builder.start();
        chromium = Chromium.start(800, 600);
        chromium.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (door != null) {
            door.close();
        }
    }

    @ParameterizedTest(name = "Chromium with sockjs-client over {0}")
    @ValueSource(strings = {"websocket", "xhr-streaming", "eventsource", "iframe-eventsource", "iframe-htmlfile",
            "xhr-polling", "iframe-xhr-polling", "jsonp-polling"})
    void browserClient_echoesInOrder_andSeesTheServersCloseCode(String transport) {
        chromium.driver().get(door.url("/transports.html"));
        Object result = chromium.driver().executeAsyncScript(
                "window.runSockJs(arguments[0], arguments[arguments.length - 1]);", transport);
        assertThat(result).as("transcript of %s", transport).isEqualTo(List.of(
                "OPEN " + transport,
                "ECHO 0 5 ok",
                "ECHO 1 34 ok",
                "ECHO 2 65535 ok",
                "CLOSE 3000 Go away!",
                "DONE"));
    }
}
