package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.handshake.HandshakeException;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RecordingHandler;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/** An endpoint's {@link HandshakeInterceptor}: sees the request before the 101, may refuse. */
@Timeout(20)
@ExtendWith(StopAfterEachExtension.class)
class HandshakeInterceptorTest {

    @StopAfterEach
    private WebSocketServer server;
    private final RecordingHandler handler = new RecordingHandler();

    /** Accepts ?token=good, answers 401 without a token and 403 with a wrong one. */
    private void startWithTokenCheck() throws IOException {
        HandshakeInterceptor tokens = (request, remote, attributes) -> {
            List<String> token = request.queryParameters().getOrDefault("token", List.of());
            if (token.isEmpty()) {
                throw new HandshakeException(401, "a token is required",
                        HttpHeaders.of("WWW-Authenticate", "Bearer realm=\"chat\""));
            }
            if (!token.get(0).equals("good")) {
                throw new HandshakeException(403, "this token may not connect");
            }
            attributes.put("user", "alice");
            attributes.put("userAgent", request.headers().first("User-Agent").orElse(""));
            attributes.put("remotePort", remote.getPort());
        };
        server = WebSocketServer.builder().endpoint(Endpoint.at("/chat", handler).interceptor(tokens)).start();
    }

    @Test
    void accepted_attributesReachTheSessionBeforeOnOpen() throws Exception {
        startWithTokenCheck();
        try (RawWebSocket ws = RawWebSocket.exchange(server.port(),
                RawWebSocket.upgradeRequest(server.port(), "/chat?token=good", "User-Agent: probe/1\r\n"))) {
            assertThat(ws.status()).isEqualTo(101);
            Session session = handler.opened.get(5, TimeUnit.SECONDS);
            assertThat(session.attributes()).containsEntry("user", "alice").containsEntry("userAgent", "probe/1")
                    .containsEntry("remotePort", ws.socket().getLocalPort());
        }
    }

    @Test
    void missingToken_gets401WithWwwAuthenticate_andNoSession() throws Exception {
        startWithTokenCheck();
        try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), "/chat", ""))) {
            assertThat(ws.status()).isEqualTo(401);
            // RFC 9110 §15.5.2: a 401 carries at least one challenge.
            assertThat(ws.responseHead()).containsIgnoringCase("WWW-Authenticate: Bearer realm=\"chat\"");
        }
        assertThat(handler.opened).isNotDone();
        assertThat(server.sessions()).isEmpty();
    }

    @Test
    void wrongToken_gets403() throws Exception {
        startWithTokenCheck();
        try (RawWebSocket ws = RawWebSocket.exchange(server.port(),
                RawWebSocket.upgradeRequest(server.port(), "/chat?token=bad", ""))) {
            assertThat(ws.status()).isEqualTo(403);
        }
        assertThat(handler.opened).isNotDone();
    }

    @Test
    void interceptorThatThrows_gets500_andTheServerKeepsServing() throws Exception {
        HandshakeInterceptor broken = (request, remote, attributes) -> {
            throw new IllegalStateException("bug in the application");
        };
        server = WebSocketServer.builder().endpoint(Endpoint.at("/chat", handler).interceptor(broken))
                .endpoint("/other", new RecordingHandler()).start();
        try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), "/chat", ""))) {
            assertThat(ws.status()).isEqualTo(500);
        }
        try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), "/other", ""))) {
            assertThat(ws.status()).isEqualTo(101);
        }
    }

    @Test
    void interceptorRunsOnlyAfterTheRfc6455Checks() throws Exception {
        startWithTokenCheck();
        // No Sec-WebSocket-Key: ServerHandshake refuses with 400 before the interceptor could say 401.
        String request = "GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        try (RawWebSocket ws = RawWebSocket.exchange(server.port(), request)) {
            assertThat(ws.status()).isEqualTo(400);
        }
    }

    @Test
    void defaultEndpoint_acceptsEveryone() {
        assertThat(Endpoint.at("/x", handler).interceptor()).isNotNull();
    }
}
