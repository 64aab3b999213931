package org.socketlab.websocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpRequestParser;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.http.HttpResponseParser;

class ClientHandshakeTest {

    /** "the sample nonce": the 16 bytes behind the RFC's example key dGhlIHNhbXBsZSBub25jZQ==. */
    private static final byte[] RFC_NONCE = "the sample nonce".getBytes(StandardCharsets.US_ASCII);

    private static ClientHandshake rfcClient() {
        return ClientHandshake.builder()
                .hostHeader("server.example.com")
                .target("/chat")
                .origin("http://example.com")
                .subprotocols(List.of("chat", "superchat"))
                .keyBytes(RFC_NONCE)
                .build();
    }

    private static HttpResponse response(String raw) throws HttpException {
        return new HttpResponseParser().parse(ByteBuffer.wrap(raw.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String rfcResponseWith(String prefix, String replacement) {
        StringBuilder raw = new StringBuilder();
        for (String line : List.of("HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "Sec-WebSocket-Protocol: chat")) {
            if (!line.startsWith(prefix)) {
                raw.append(line).append("\r\n");
            } else if (replacement != null) {
                raw.append(replacement).append("\r\n");
            }
        }
        return raw.append("\r\n").toString();
    }

    private static HandshakeException failure(String rawResponse) {
        HandshakeException e = catchThrowableOfType(HandshakeException.class, () -> rfcClient().validate(response(rawResponse)));
        assertThat(e).as("the client fails the connection on:%n%s", rawResponse).isNotNull();
        return e;
    }

    @Nested
    class Rfc6455Section4_1_ClientRequest {

        @Test
        void buildsTheRfcExampleRequest() {
            ClientHandshake client = rfcClient();
            assertThat(client.key()).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
            assertThat(new String(client.requestBytes(), StandardCharsets.US_ASCII)).isEqualTo(
                    "GET /chat HTTP/1.1\r\n"
                            + "Host: server.example.com\r\n"
                            + "Upgrade: websocket\r\n"
                            + "Connection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\n"
                            + "Origin: http://example.com\r\n"
                            + "Sec-WebSocket-Protocol: chat, superchat\r\n"
                            + "\r\n");
        }

        @Test
        void defaultKeyIsAFreshRandom16ByteNoncePerHandshake() {
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                String key = ClientHandshake.builder().hostHeader("h").build().key();
                assertThat(Base64.getDecoder().decode(key)).hasSize(16);
                keys.add(key);
            }
            assertThat(keys).hasSize(20);
        }

        @Test
        void extraHeadersAreAppended_butHandshakeHeadersCannotBeOverridden() {
            ClientHandshake client = ClientHandshake.builder().hostHeader("h").header("Authorization", "Bearer t").build();
            assertThat(client.request().headers().first("authorization")).contains("Bearer t");
            assertThatThrownBy(() -> ClientHandshake.builder().header("Sec-WebSocket-Key", "x"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void callerMistakesAreIllegalArguments() {
            assertThatThrownBy(() -> ClientHandshake.builder().build()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("hostHeader");
            assertThatThrownBy(() -> ClientHandshake.builder().hostHeader("h").keyBytes(new byte[15]).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
            assertThatThrownBy(() -> ClientHandshake.builder().target("chat")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ClientHandshake.builder().subprotocols(List.of("a", "a")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ClientHandshake.builder().subprotocols(List.of("a b")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void requestIsACopy() {
            ClientHandshake client = rfcClient();
            client.request().headers().add("X", "1");
            assertThat(client.request().headers().contains("X")).isFalse();
        }
    }

    @Nested
    class Rfc6455Section4_1_ResponseValidation {

        @Test
        void theRfcExampleResponse_isAccepted() throws Exception {
            ClientHandshakeResult result = rfcClient().validate(response(rfcResponseWith("#", null)));
            assertThat(result.subprotocol()).contains("chat");
            assertThat(result.extensions()).isEmpty();
        }

        @Test
        void refusal_carriesTheServersStatusAndBody() {
            HandshakeException e = failure("HTTP/1.1 403 Forbidden\r\nContent-Length: 21\r\n\r\norigin is not allowed");
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).contains("403 Forbidden").contains("origin is not allowed");
        }

        @Test
        void plainOk_isAFailure() {
            assertThat(failure("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").status()).isEqualTo(200);
        }

        @Test
        void missingOrWrongUpgrade_isA502Failure() {
            assertThat(failure(rfcResponseWith("Upgrade", null)).status()).isEqualTo(502);
            HandshakeException e = failure(rfcResponseWith("Upgrade", "Upgrade: h2c"));
            assertThat(e.getMessage()).contains("\"h2c\"").contains("§4.1 item 2");
        }

        @Test
        void upgradeValueIgnoresCase() throws Exception {
            assertThat(rfcClient().validate(response(rfcResponseWith("Upgrade", "Upgrade: WebSocket"))).subprotocol())
                    .contains("chat");
        }

        @Test
        void connectionWithoutUpgrade_isAFailure() {
            assertThat(failure(rfcResponseWith("Connection", "Connection: close")).getMessage()).contains("§4.1 item 3");
        }

        @Test
        void wrongAccept_isAFailureQuotingBothValues() {
            HandshakeException e = failure(rfcResponseWith("Sec-WebSocket-Accept", "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOO="));
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.getMessage()).contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=").contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOO=");
        }

        @Test
        void missingAccept_isAFailure() {
            assertThat(failure(rfcResponseWith("Sec-WebSocket-Accept", null)).getMessage()).contains("§4.1 item 4");
        }

        @Test
        void subprotocolWeDidNotOffer_isAFailure() {
            HandshakeException e = failure(rfcResponseWith("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: mqtt"));
            assertThat(e.getMessage()).contains("\"mqtt\"").contains("§4.1 item 6");
        }

        @Test
        void twoSubprotocols_isAFailure() {
            assertThat(failure(rfcResponseWith("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: chat, superchat"))
                    .status()).isEqualTo(502);
        }

        @Test
        void noSubprotocolInTheResponse_isFine() throws Exception {
            assertThat(rfcClient().validate(response(rfcResponseWith("Sec-WebSocket-Protocol", null))).subprotocol()).isEmpty();
        }

        @Test
        void extensionWeDidNotRequest_isAFailure() {
            String raw = rfcResponseWith("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: chat\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate");
            assertThat(failure(raw).getMessage()).contains("permessage-deflate").contains("§4.1 item 5");
        }

        @Test
        void extensionWeOffered_isReported() throws Exception {
            ClientHandshake client = ClientHandshake.builder().hostHeader("h").keyBytes(RFC_NONCE)
                    .extensions(List.of("permessage-deflate; client_max_window_bits")).build();
            String raw = rfcResponseWith("Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions: permessage-deflate");
            assertThat(client.validate(response(raw)).extensions()).containsExactly("permessage-deflate");
        }
    }

    @Nested
    class EndToEnd {

        @Test
        void clientRequestThroughParserAndServer_isValidatedByTheClient() throws Exception {
            ClientHandshake client = ClientHandshake.builder().hostHeader("localhost:8080").target("/ws?room=1")
                    .origin("http://localhost:8080").subprotocols(List.of("v2.chat", "chat")).build();
            HttpRequest parsed = new HttpRequestParser().parse(ByteBuffer.wrap(client.requestBytes()));
            assertThat(parsed).isEqualTo(client.request());

            ServerHandshake server = new ServerHandshake(new HandshakePolicy(
                    OriginPolicy.allowList(List.of("http://localhost:8080")), List.of("chat"), ExtensionNegotiator.none()));
            HandshakeAccepted accepted = server.accept(parsed);
            HttpResponse received = new HttpResponseParser().parse(ByteBuffer.wrap(accepted.response().toBytes()));

            ClientHandshakeResult result = client.validate(received);
            assertThat(result.subprotocol()).contains("chat");
            assertThat(received.headers().first("Sec-WebSocket-Accept")).contains(client.expectedAccept());
        }

        @Test
        void serverRefusalThroughTheWire_reachesTheClientWithItsStatus() throws Exception {
            ClientHandshake client = ClientHandshake.builder().hostHeader("h").origin("https://evil.example").build();
            HttpRequest parsed = new HttpRequestParser().parse(ByteBuffer.wrap(client.requestBytes()));
            HandshakeException refusal = catchThrowableOfType(HandshakeException.class,
                    () -> new ServerHandshake(HandshakePolicy.defaults()).accept(parsed));
            HttpResponse received = new HttpResponseParser().parse(ByteBuffer.wrap(refusal.toResponse().toBytes()));

            HandshakeException failure = catchThrowableOfType(HandshakeException.class, () -> client.validate(received));
            assertThat(failure.status()).isEqualTo(403);
            // The refusal's body is fixed text: it names the rule, never the request's own Origin value.
            assertThat(failure.getMessage()).contains("this origin may not open a WebSocket here")
                    .doesNotContain("evil.example");
            assertThat(received.headers()).isEqualTo(refusal.toResponse().headers());
        }
    }
}
