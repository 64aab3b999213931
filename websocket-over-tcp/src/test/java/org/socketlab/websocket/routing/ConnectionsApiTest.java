package org.socketlab.websocket.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/** {@code @connections} without sockets: status codes, key check, JSON — over a fake session. */
class ConnectionsApiTest {

    private static final String KEY = "0123456789abcdef-test-key";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final ConnectionManager connections = new ConnectionManager(Clock.fixed(T0, ZoneOffset.UTC));
    private final ConnectionsApi api = new ConnectionsApi(connections, KEY, "x-api-key", 64);
    private final FakeSession alice = new FakeSession();

    @BeforeEach
    void connectAlice() {
        connections.register("alice-id", alice, "probe/1.0");
    }

    private HttpResponse call(String method, String target, String key, String body) {
        HttpHeaders headers = HttpHeaders.of("Host", "localhost");
        if (key != null) {
            headers.add("x-api-key", key);
        }
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        if (content.length > 0) {
            headers.add("Content-Length", String.valueOf(content.length));
        }
        return api.handle(new HttpRequest(method, target, "HTTP/1.1", headers, content), null);
    }

    private static JsonNode json(HttpResponse response) throws Exception {
        assertThat(response.headers().first("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return Router.JSON.readTree(response.bodyText());
    }

    @Nested
    class Post {
        @Test
        void sendsTheBodyAsText_answers200WithoutBody() {
            HttpResponse response = call("POST", "/@connections/alice-id", KEY, "{\"notice\":\"hi\"}");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyLength()).isZero();
            assertThat(alice.sent).containsExactly("{\"notice\":\"hi\"}");
        }

        @Test
        void percentEncodedAt_isTheSamePath() {
            assertThat(call("POST", "/%40connections/alice-id", KEY, "x").status()).isEqualTo(200);
        }

        @Test
        void invalidUtf8Body_isSentAsBinary() {
            byte[] bytes = {(byte) 0xC3, (byte) 0x28};
            HttpHeaders headers = HttpHeaders.of("Host", "h", "x-api-key", KEY, "Content-Length", "2");
            HttpResponse response = api.handle(new HttpRequest("POST", "/@connections/alice-id", "HTTP/1.1", headers, bytes), null);
            assertThat(response.status()).isEqualTo(200);
            assertThat(alice.sent).singleElement().isInstanceOf(byte[].class);
        }

        @Test
        void bodyOverTheLimit_is413_andNothingIsSent() throws Exception {
            HttpResponse response = call("POST", "/@connections/alice-id", KEY, "x".repeat(65));
            assertThat(response.status()).isEqualTo(413);
            assertThat(json(response).get("message").asText()).contains("64 bytes");
            assertThat(alice.sent).isEmpty();
        }

        @Test
        void unknownConnection_is410() throws Exception {
            HttpResponse response = call("POST", "/@connections/nobody", KEY, "x");
            assertThat(response.status()).isEqualTo(410);
            assertThat(json(response).get("message").asText()).isEqualTo("Gone");
        }

        @Test
        void closingConnection_is410() {
            alice.close(1000, "");
            assertThat(call("POST", "/@connections/alice-id", KEY, "x").status()).isEqualTo(410);
        }
    }

    @Nested
    class Get {
        @Test
        void reportsStatusAsJson() throws Exception {
            HttpResponse response = call("GET", "/@connections/alice-id", KEY, "");
            assertThat(response.status()).isEqualTo(200);
            JsonNode status = json(response);
            assertThat(status.get("connectionId").asText()).isEqualTo("alice-id");
            assertThat(status.get("connectedAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
            assertThat(status.get("lastActiveAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
            assertThat(status.at("/identity/sourceIp").asText()).isEqualTo("127.0.0.1");
            assertThat(status.at("/identity/userAgent").asText()).isEqualTo("probe/1.0");
            assertThat(response.headers().first("Cache-Control")).contains("no-store");
        }

        @Test
        void unknownConnection_is410() {
            assertThat(call("GET", "/@connections/nobody", KEY, "").status()).isEqualTo(410);
        }
    }

    @Nested
    class Delete {
        @Test
        void closesWith1000_answers204() {
            HttpResponse response = call("DELETE", "/@connections/alice-id", KEY, "");
            assertThat(response.status()).isEqualTo(204);
            assertThat(response.headers().contains("Content-Length")).isFalse();
            assertThat(alice.closedWith).isEqualTo(1000);
            assertThat(call("GET", "/@connections/alice-id", KEY, "").status()).isEqualTo(410);
        }

        @Test
        void unknownConnection_is410() {
            assertThat(call("DELETE", "/@connections/nobody", KEY, "").status()).isEqualTo(410);
        }
    }

    @Nested
    class ApiKey {
        @Test
        void missingKey_is403_andNothingHappens() throws Exception {
            HttpResponse response = call("POST", "/@connections/alice-id", null, "x");
            assertThat(response.status()).isEqualTo(403);
            assertThat(json(response).get("message").asText()).isEqualTo("Forbidden");
            assertThat(alice.sent).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "wrong", "0123456789abcdef-test-ke", "0123456789abcdef-test-keyX", "0123456789ABCDEF-TEST-KEY"})
        void wrongKey_is403(String key) {
            assertThat(call("GET", "/@connections/alice-id", key, "").status()).isEqualTo(403);
        }

        @Test
        void repeatedKeyHeader_is403() {
            HttpHeaders headers = HttpHeaders.of("Host", "h", "x-api-key", KEY, "x-api-key", KEY);
            assertThat(api.handle(new HttpRequest("GET", "/@connections/alice-id", "HTTP/1.1", headers), null).status())
                    .isEqualTo(403);
        }

        @Test
        void keyIsCheckedBeforeTheIdOrMethod_soNothingLeaks() {
            assertThat(call("PUT", "/@connections/alice-id", "wrong", "").status()).isEqualTo(403);
            assertThat(call("GET", "/@connections/a/b", "wrong", "").status()).isEqualTo(403);
        }

        @Test
        void headerNameIsConfigurable() {
            ConnectionsApi custom = new ConnectionsApi(connections, KEY, "Authorization-Key", 64);
            HttpHeaders headers = HttpHeaders.of("Host", "h", "authorization-key", KEY);
            assertThat(custom.handle(new HttpRequest("GET", "/@connections/alice-id", "HTTP/1.1", headers), null).status())
                    .isEqualTo(200);
        }
    }

    @Nested
    class Paths {
        @ParameterizedTest
        @ValueSource(strings = {"/", "/connections/alice-id", "/@connection/alice-id", "/ws"})
        void outsideTheApi_is404(String target) {
            assertThat(call("GET", target, KEY, "").status()).isEqualTo(404);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/@connections/", "/@connections/a/b", "/@connections/a%20b", "/@connections/%3Cscript%3E"})
        void malformedId_is404_andTheBodyDoesNotEchoIt(String target) {
            HttpResponse response = call("GET", target, KEY, "");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.bodyText()).isEqualTo("{\"message\":\"Not Found\"}");
        }

        @Test
        void otherMethod_is405WithAllow() {
            HttpResponse response = call("PUT", "/@connections/alice-id", KEY, "x");
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.headers().first("Allow")).contains("GET, POST, DELETE");
        }
    }
}
