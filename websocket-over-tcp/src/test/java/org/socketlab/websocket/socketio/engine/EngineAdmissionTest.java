package org.socketlab.websocket.socketio.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.testing.RawWebSocket;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/**
 * Who may use an Engine.IO endpoint: the Origin allow-list (same default as the WebSocket
 * server: none; requests without Origin are served), CORS for allowed origins, and the caps on
 * sessions per server and handshakes per remote address (503 beyond, nothing echoed).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(StopAfterEachExtension.class)
class EngineAdmissionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String FORBIDDEN = "{\"code\":4,\"message\":\"Forbidden\"}";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    @StopAfterEach(millis = 200)
    private EngineServer server;

    private void start(EngineConfig config) throws IOException {
        server = EngineServer.start(InetAddress.getLoopbackAddress(), 0, config, session -> new EngineSession.Listener() {
            @Override
            public void onMessage(EngineSession s, EnginePacket packet) {
            }

            @Override
            public void onClose(EngineSession s, String reason) {
            }
        });
    }

    private String url() {
        return "http://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=polling";
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> handshake(String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url()));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(http, request);
    }

    private int webSocketStatus(String extraHeaders) throws IOException {
        try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(),
                "/socket.io/?EIO=4&transport=websocket", extraHeaders))) {
            return ws.status();
        }
    }

    @Nested
    class Origins {

        @Test
        void byDefault_aRequestWithOriginGets403Code4_oneWithoutIsServed() throws Exception {
            start(EngineConfig.defaults());
            HttpResponse<String> browser = handshake("https://evil.example");
            assertThat(browser.statusCode()).isEqualTo(403);
            assertThat(browser.body()).isEqualTo(FORBIDDEN);
            assertThat(browser.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(handshake(null).statusCode()).isEqualTo(200);
            assertThat(server.sessions()).as("no session for the refused request").hasSize(1);
            assertThat(webSocketStatus("Origin: https://evil.example\r\n")).as("WebSocket with an Origin").isEqualTo(403);
            assertThat(webSocketStatus("")).as("WebSocket without Origin").isEqualTo(101);
        }

        @Test
        void allowList_servesListedOriginsWithCorsHeaders_andRefusesOthers() throws Exception {
            start(EngineConfig.defaults().withAllowedOrigins("https://app.example"));
            HttpResponse<String> allowed = handshake("https://app.example");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
            assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
            assertThat(handshake("https://other.example").statusCode()).isEqualTo(403);
            assertThat(webSocketStatus("Origin: https://app.example\r\n")).isEqualTo(101);
            assertThat(webSocketStatus("Origin: https://other.example\r\n")).isEqualTo(403);
        }

        @Test
        void credentials_nameTheOriginAndAllowCredentials_evenWithAnyOrigin() throws Exception {
            start(EngineConfig.defaults().withAnyOrigin().withCorsCredentials(true));
            HttpResponse<String> response = handshake("https://any.example");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://any.example");
            assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        }

        @Test
        void anyOrigin_withoutCredentials_answersStar_andPreflightGets204() throws Exception {
            start(EngineConfig.defaults().withAnyOrigin());
            assertThat(handshake("https://any.example").headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            HttpResponse<String> preflight = send(http, HttpRequest.newBuilder(URI.create(url()))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://any.example")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type"));
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type");
        }
    }

    @Nested
    class Caps {

        @Test
        void pastMaxSessions_aHandshakeGets503WithRetryAfter_andAClosedSessionMakesRoom() throws Exception {
            start(EngineConfig.defaults().withMaxSessions(3));
            for (int i = 0; i < 3; i++) {
                assertThat(handshake(null).statusCode()).as("handshake " + (i + 1) + " of 3").isEqualTo(200);
            }
            HttpResponse<String> refused = handshake(null);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).doesNotContain("EIO").doesNotContain("polling");
            assertThat(webSocketStatus("")).as("a WebSocket handshake past the cap").isEqualTo(503);
            server.sessions().get(0).close("ping timeout");
            assertThat(handshake(null).statusCode()).as("after one session closed").isEqualTo(200);
        }

        @Test
        void oneAddressInALoop_staysBounded_andAFreshClientIsServed() throws Exception {
            start(EngineConfig.defaults().withHandshakeRate(50, Duration.ofMinutes(1)));
            int served = 0;
            int refused = 0;
            for (int i = 0; i < 400; i++) {
                int status = handshake(null).statusCode();
                if (status == 200) {
                    served++;
                } else {
                    assertThat(status).as("handshake " + i).isEqualTo(503);
                    refused++;
                }
            }
            assertThat(served).as("sessions the looping client got").isEqualTo(50);
            assertThat(refused).isEqualTo(350);
            assertThat(server.sessions()).hasSize(50);
            // A different client (another loopback source address) is still served.
            HttpClient fresh = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2"))
                    .connectTimeout(WAIT).build();
            HttpResponse<String> response = send(fresh, HttpRequest.newBuilder(URI.create(url())));
            assertThat(response.statusCode()).as("fresh client from 127.0.0.2").isEqualTo(200);
            assertThat(response.body()).startsWith("0{\"sid\":");
        }
    }

    @Test
    void rateLimiter_remembersABoundedNumberOfAddresses() throws Exception {
        HandshakeRateLimiter limiter = new HandshakeRateLimiter(new SessionCaps(100, 1, Duration.ofSeconds(10), 3));
        long now = 0;
        for (String address : List.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5")) {
            assertThat(limiter.tryAcquire(InetAddress.getByName(address), now)).as(address).isTrue();
        }
        assertThat(limiter.trackedAddresses()).isEqualTo(3);
        assertThat(limiter.tryAcquire(InetAddress.getByName("10.0.0.1"), now)).as("second handshake of 10.0.0.1").isFalse();
        long later = Duration.ofSeconds(11).toNanos();
        assertThat(limiter.tryAcquire(InetAddress.getByName("10.0.0.1"), later)).as("next window").isTrue();
        assertThat(limiter.tryAcquire(InetAddress.getByName("10.0.0.9"), later)).as("expired windows evicted").isTrue();
        assertThat(limiter.trackedAddresses()).isLessThanOrEqualTo(3);
    }
}
