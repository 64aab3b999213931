package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.testing.RawHttp;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.TestEchoHandler;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/** Plain HTTP next to WebSocket on one port: {@link HttpFallbackHandler}. */
@Timeout(20)
@ExtendWith(StopAfterEachExtension.class)
class HttpFallbackHandlerTest {

    @StopAfterEach
    private WebSocketServer server;

    private void start(HttpFallbackHandler fallback) throws IOException {
        server = WebSocketServer.builder().endpoint("/ws", new TestEchoHandler()).httpFallback(fallback).start();
    }

    @Test
    void plainRequest_getsTheFallbacksResponse_withItsBody_andConnectionClose() throws IOException {
        start((request, remote) -> HttpResponse.text(200, request.method() + " " + request.path() + " "
                + request.bodyText() + " from " + remote.getAddress().getHostAddress()));
        HttpResponse response = RawHttp.send(server.port(), "POST", "/anything?x=1", "", "hello");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("POST /anything hello from 127.0.0.1");
        assertThat(response.headers().first("Connection")).contains("close");
    }

    @Test
    void plainRequestOnAnEndpointPath_goesToTheFallbackToo() throws IOException {
        start((request, remote) -> HttpResponse.text(200, "plain " + request.path()));
        assertThat(RawHttp.send(server.port(), "GET", "/ws", "", "").bodyText()).isEqualTo("plain /ws");
    }

    @Test
    void upgradeRequest_stillReachesTheEndpoint() throws IOException {
        start((request, remote) -> HttpResponse.text(200, "plain"));
        try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), "/ws", ""))) {
            assertThat(ws.status()).isEqualTo(101);
            ws.sendText("echo me");
            assertThat(ws.readFrame().text()).isEqualTo("echo me");
        }
    }

    @Test
    void upgradeRequestForAnUnknownPath_stillGets404() throws IOException {
        start((request, remote) -> HttpResponse.text(200, "plain"));
        try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), "/nope", ""))) {
            assertThat(ws.status()).isEqualTo(404);
        }
    }

    @Test
    void fallbackThatThrows_gets500() throws IOException {
        start((request, remote) -> {
            throw new IllegalStateException("bug");
        });
        HttpResponse response = RawHttp.send(server.port(), "GET", "/", "", "");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.bodyText()).doesNotContain("bug");
    }

    @Test
    void bodyOverTheHttpLimit_gets413BeforeTheFallbackRuns() throws IOException {
        server = WebSocketServer.builder().endpoint("/ws", new TestEchoHandler())
                .configure(c -> c.withHttp(c.http().withMaxBodyBytes(16)))
                .httpFallback((request, remote) -> HttpResponse.text(200, "should not run")).start();
        HttpResponse response = RawHttp.send(server.port(), "POST", "/", "", "x".repeat(17));
        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void withoutAFallback_aPlainRequestIsRefusedAsBefore() throws IOException {
        server = WebSocketServer.builder().endpoint("/ws", new TestEchoHandler()).start();
        byte[] request = ("GET /elsewhere HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(RawHttp.exchange(server.port(), request).status()).isEqualTo(404);
    }
}
