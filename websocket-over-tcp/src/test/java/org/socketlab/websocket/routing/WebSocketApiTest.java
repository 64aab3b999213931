package org.socketlab.websocket.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.testing.RawHttp;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RecordingHandler;

/** A {@link WebSocketApi} on a real server, driven by our client and by raw sockets. */
@Timeout(30)
class WebSocketApiTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private RoutingFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close(); // also checks: exactly one $disconnect per accepted connection
        }
    }

    private Session connect(RecordingHandler handler, String query) throws Exception {
        return WebSocketClient.connect(URI.create(fixture.url(query)), handler,
                ClientOptions.defaults().header("User-Agent", "routing-test/1"));
    }

    private static String next(RecordingHandler handler) throws InterruptedException {
        return (String) handler.nextMessage(WAIT);
    }

    @Nested
    class Connect {
        @Test
        void seesQueryAndHeaders_andStoresAttributesForLaterRoutes() throws Exception {
            fixture = new RoutingFixture();
            RecordingHandler client = new RecordingHandler();
            Session session = connect(client, "?token=alice");
            assertThat(fixture.nextConnect()).endsWith(" routing-test/1");
            session.sendText("{\"action\":\"user\"}");
            assertThat(next(client)).isEqualTo("user:alice");
            session.close();
        }

        @Test
        void noToken_handshakeFailsWith401AndAChallenge_noDisconnect() throws Exception {
            fixture = new RoutingFixture();
            try (RawWebSocket ws = RawWebSocket.exchange(fixture.server.port(),
                    RawWebSocket.upgradeRequest(fixture.server.port(), "/ws", ""))) {
                assertThat(ws.status()).isEqualTo(401);
                assertThat(ws.responseHead()).containsIgnoringCase("WWW-Authenticate: Bearer");
                assertThat(body(ws)).as("the body says what was refused").isEqualTo("401 Unauthorized: a token is required\n");
            }
            assertThat(fixture.opened).isEmpty();
        }

        @Test
        void refusedToken_handshakeFailsWith403() throws Exception {
            fixture = new RoutingFixture();
            try (RawWebSocket ws = RawWebSocket.exchange(fixture.server.port(),
                    RawWebSocket.upgradeRequest(fixture.server.port(), "/ws?token=bad", ""))) {
                assertThat(ws.status()).isEqualTo(403);
                assertThat(body(ws)).as("a refused token is not an origin problem")
                        .isEqualTo("403 Forbidden: this token may not connect\n");
            }
            assertThat(fixture.api.connections().size()).isZero();
        }

        private static String body(RawWebSocket ws) throws java.io.IOException {
            return new String(ws.socket().getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Nested
    class Routes {
        @Test
        void customRoute_repliesToTheCaller() throws Exception {
            fixture = new RoutingFixture();
            RecordingHandler client = new RecordingHandler();
            Session session = connect(client, "?token=t");
            session.sendText("{\"action\":\"echo\",\"text\":\"hello routes\"}");
            assertThat(next(client)).isEqualTo("hello routes");
            session.sendText("{\"action\":\"whoami\"}");
            String id = next(client).substring(3);
            assertThat(fixture.api.connections().connectionIds()).containsExactly(id);
            session.close();
        }

        @Test
        void nestedExpression_routesByTheNestedKey() throws Exception {
            fixture = new RoutingFixture("$request.body.meta.action", true);
            RecordingHandler client = new RecordingHandler();
            Session session = connect(client, "?token=t");
            session.sendText("{\"meta\":{\"action\":\"echo\"},\"text\":\"deep\"}");
            assertThat(next(client)).isEqualTo("deep");
            session.sendText("{\"action\":\"echo\",\"text\":\"top\"}");
            assertThat(next(client)).isEqualTo("default:{\"action\":\"echo\",\"text\":\"top\"}");
            session.close();
        }

        @Test
        void notJsonUnknownKeyOrBinary_goToDefault() throws Exception {
            fixture = new RoutingFixture();
            RecordingHandler client = new RecordingHandler();
            Session session = connect(client, "?token=t");
            session.sendText("plain words");
            assertThat(next(client)).isEqualTo("default:plain words");
            session.sendText("{\"action\":\"nope\"}");
            assertThat(next(client)).isEqualTo("default:{\"action\":\"nope\"}");
            session.sendText("{\"action\":\"$connect\"}");
            assertThat(next(client)).isEqualTo("default:{\"action\":\"$connect\"}");
            session.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertThat(next(client)).isEqualTo("default:binary:3");
            session.close();
        }

        @Test
        void withoutDefault_unmatchedMessageGetsForbidden_andTheConnectionStaysOpen() throws Exception {
            fixture = new RoutingFixture("$request.body.action", false);
            RecordingHandler client = new RecordingHandler();
            Session session = connect(client, "?token=t");
            session.sendText("{\"action\":\"nope\"}");
            JsonNode error = Router.JSON.readTree(next(client));
            assertThat(error.get("message").asText()).isEqualTo("Forbidden");
            assertThat(error.get("connectionId").asText()).isNotEmpty();
            assertThat(error.get("requestId").asText()).isNotEmpty();
            session.sendText("{\"action\":\"echo\",\"text\":\"still here\"}");
            assertThat(next(client)).isEqualTo("still here");
            session.close();
        }

        @Test
        void failingRoute_callerGetsInternalServerError_andTheConnectionStaysOpen() throws Exception {
            fixture = new RoutingFixture();
            RecordingHandler client = new RecordingHandler();
            Session session = connect(client, "?token=t");
            session.sendText("{\"action\":\"boom\"}");
            JsonNode error = Router.JSON.readTree(next(client));
            assertThat(error.get("message").asText()).isEqualTo("Internal server error");
            assertThat(error.toString()).doesNotContain("on purpose");
            session.sendText("{\"action\":\"echo\",\"text\":\"alive\"}");
            assertThat(next(client)).isEqualTo("alive");
            session.close();
        }

        @Test
        void aRouteCanPostToAnotherConnection() throws Exception {
            fixture = new RoutingFixture();
            RecordingHandler alice = new RecordingHandler();
            RecordingHandler bob = new RecordingHandler();
            Session aliceSession = connect(alice, "?token=alice");
            Session bobSession = connect(bob, "?token=bob");
            bobSession.sendText("{\"action\":\"whoami\"}");
            String bobId = next(bob).substring(3);
            aliceSession.sendText("{\"action\":\"tell\",\"to\":\"" + bobId + "\",\"text\":\"hi bob\"}");
            assertThat(next(alice)).isEqualTo("told");
            assertThat(next(bob)).isEqualTo("hi bob");
            aliceSession.sendText("{\"action\":\"tell\",\"to\":\"nobody\",\"text\":\"x\"}");
            assertThat(next(alice)).isEqualTo("gone");
            aliceSession.close();
            bobSession.close();
        }
    }

    @Nested
    class Disconnect {
        @Test
        void normalClose_callsDisconnectOnceWith1000() throws Exception {
            fixture = new RoutingFixture();
            RecordingHandler client = new RecordingHandler();
            Session session = connect(client, "?token=t");
            String id = fixture.nextConnect().split(" ")[0];
            session.close(1000, "bye");
            assertThat(fixture.nextDisconnect()).isEqualTo(id + " 1000");
            assertThat(fixture.api.connections().isConnected(id)).isFalse();
        }

        @Test
        void abruptTcpDrop_callsDisconnectWith1006() throws Exception {
            fixture = new RoutingFixture();
            RawWebSocket ws = RawWebSocket.exchange(fixture.server.port(),
                    RawWebSocket.upgradeRequest(fixture.server.port(), "/ws?token=t", ""));
            assertThat(ws.status()).isEqualTo(101);
            String id = fixture.nextConnect().split(" ")[0];
            ws.socket().setSoLinger(true, 0); // close() sends RST: no close frame, no FIN handshake
            ws.close();
            assertThat(fixture.nextDisconnect()).isEqualTo(id + " 1006");
        }

        @Test
        void serverShutdown_callsDisconnectForEveryConnectionWith1001() throws Exception {
            fixture = new RoutingFixture();
            RecordingHandler first = new RecordingHandler();
            RecordingHandler second = new RecordingHandler();
            connect(first, "?token=a");
            connect(second, "?token=b");
            String a = fixture.nextConnect().split(" ")[0];
            String b = fixture.nextConnect().split(" ")[0];
            fixture.server.stop(Duration.ofSeconds(5));
            assertThat(java.util.List.of(fixture.nextDisconnect(), fixture.nextDisconnect()))
                    .containsExactlyInAnyOrder(a + " 1001", b + " 1001");
            assertThat(first.closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(1001);
        }

        @Test
        void deleteOnConnections_closesWith1000_andCallsDisconnect() throws Exception {
            fixture = new RoutingFixture();
            RecordingHandler client = new RecordingHandler();
            connect(client, "?token=t");
            String id = fixture.nextConnect().split(" ")[0];
            HttpResponse response = RawHttp.send(fixture.server.port(), "DELETE", "/@connections/" + id,
                    "x-api-key: " + RoutingFixture.API_KEY + "\r\n", "");
            assertThat(response.status()).isEqualTo(204);
            assertThat(client.closed.get(5, TimeUnit.SECONDS).code()).isEqualTo(1000);
            assertThat(fixture.nextDisconnect()).isEqualTo(id + " 1000");
            assertThat(RawHttp.send(fixture.server.port(), "GET", "/@connections/" + id,
                    "x-api-key: " + RoutingFixture.API_KEY + "\r\n", "").status()).isEqualTo(410);
        }
    }

    @Nested
    class ConnectionsOverHttp {
        @Test
        void postReachesTheClient_getReportsItsStatus() throws Exception {
            fixture = new RoutingFixture();
            RecordingHandler client = new RecordingHandler();
            Session session = connect(client, "?token=t");
            String id = fixture.nextConnect().split(" ")[0];
            String key = "x-api-key: " + RoutingFixture.API_KEY + "\r\n";
            HttpResponse post = RawHttp.send(fixture.server.port(), "POST", "/@connections/" + id, key, "from the backend ✓");
            assertThat(post.status()).isEqualTo(200);
            assertThat(next(client)).isEqualTo("from the backend ✓");
            HttpResponse get = RawHttp.send(fixture.server.port(), "GET", "/@connections/" + id, key, "");
            JsonNode status = Router.JSON.readTree(get.bodyText());
            assertThat(status.at("/identity/userAgent").asText()).isEqualTo("routing-test/1");
            assertThat(status.at("/identity/sourceIp").asText()).isEqualTo("127.0.0.1");
            assertThat(java.time.Instant.parse(status.get("lastActiveAt").asText()))
                    .isAfterOrEqualTo(java.time.Instant.parse(status.get("connectedAt").asText()));
            session.close();
        }

        @Test
        void wrongKey_is403_andTheClientGetsNothing() throws Exception {
            fixture = new RoutingFixture();
            RecordingHandler client = new RecordingHandler();
            Session session = connect(client, "?token=t");
            String id = fixture.nextConnect().split(" ")[0];
            HttpResponse post = RawHttp.send(fixture.server.port(), "POST", "/@connections/" + id,
                    "x-api-key: wrong\r\n", "intrusion");
            assertThat(post.status()).isEqualTo(403);
            session.sendText("{\"action\":\"echo\",\"text\":\"marker\"}");
            assertThat(next(client)).isEqualTo("marker"); // nothing arrived before the marker
            session.close();
        }

        @Test
        void bodyTooLargeForTheServer_is413() throws Exception {
            fixture = new RoutingFixture();
            String big = "x".repeat(200 * 1024);
            HttpResponse post = RawHttp.send(fixture.server.port(), "POST", "/@connections/abc",
                    "x-api-key: " + RoutingFixture.API_KEY + "\r\n", big);
            assertThat(post.status()).isEqualTo(413);
            assertThat(post.bodyText()).doesNotContain("xxxx");
        }

        @Test
        void withoutApiKey_theHttpApiIsNotServed() throws Exception {
            WebSocketApi api = WebSocketApi.builder().defaultRoute(context -> { }).build();
            assertThat(api.connectionsApi()).isEmpty();
            var server = api.install(org.socketlab.websocket.server.WebSocketServer.builder(), "/ws").start();
            try {
                byte[] request = "GET /@connections/abc HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                assertThat(RawHttp.exchange(server.port(), request).status()).isEqualTo(404);
            } finally {
                server.stop(Duration.ofSeconds(2));
            }
        }
    }
}
