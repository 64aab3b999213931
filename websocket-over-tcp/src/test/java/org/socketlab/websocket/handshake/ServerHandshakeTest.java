package org.socketlab.websocket.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpRequestParser;
import org.socketlab.websocket.http.HttpResponse;

class ServerHandshakeTest {

    /** RFC 6455 §1.2 client handshake, line by line so a test can replace or drop one. */
    private static final List<String> RFC_REQUEST = List.of(
            "GET /chat HTTP/1.1",
            "Host: server.example.com",
            "Upgrade: websocket",
            "Connection: Upgrade",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
            "Origin: http://example.com",
            "Sec-WebSocket-Protocol: chat, superchat",
            "Sec-WebSocket-Version: 13");

    private static final String RFC_RAW = String.join("\r\n", RFC_REQUEST) + "\r\n\r\n";

    private static final HandshakePolicy POLICY = new HandshakePolicy(
            OriginPolicy.allowList(List.of("http://example.com")), List.of("chat", "superchat"), ExtensionNegotiator.none());

    /** The RFC request with the line starting with {@code prefix} replaced ({@code null} drops it). */
    private static String requestWith(String prefix, String replacement) {
        List<String> lines = new ArrayList<>();
        boolean found = false;
        for (String line : RFC_REQUEST) {
            if (line.startsWith(prefix)) {
                found = true;
                if (replacement != null) {
                    lines.add(replacement);
                }
            } else {
                lines.add(line);
            }
        }
        if (!found && replacement != null) {
            lines.add(replacement);
        }
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    private static HandshakeAccepted accept(String raw, HandshakePolicy policy) throws HttpException {
        HttpRequest request = new HttpRequestParser().parse(ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(request).isNotNull();
        return new ServerHandshake(policy).accept(request);
    }

    /** Parses and accepts {@code raw}; returns the rejection (by the parser or the handshake), failing if there was none. */
    private static HttpException refusal(String raw, HandshakePolicy policy) {
        HttpException e = catchThrowableOfType(HttpException.class, () -> accept(raw, policy));
        assertThat(e).as("the handshake refuses:%n%s", raw).isNotNull();
        return e;
    }

    private static HttpException refusal(String raw) {
        return refusal(raw, POLICY);
    }

    @Nested
    class Rfc6455Section4_2_2_ServerResponse {

        @Test
        void theRfcExampleRequest_getsTheRfcExampleResponse() throws Exception {
            HandshakeAccepted accepted = accept(RFC_RAW, POLICY);

            assertThat(new String(accepted.response().toBytes(), StandardCharsets.US_ASCII)).isEqualTo(
                    "HTTP/1.1 101 Switching Protocols\r\n"
                            + "Upgrade: websocket\r\n"
                            + "Connection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
                            + "Sec-WebSocket-Protocol: chat\r\n"
                            + "\r\n");
            assertThat(accepted.subprotocol()).contains("chat");
            assertThat(accepted.extensions()).isEmpty();
        }

        @Test
        void tokensAreMatchedInsideListsAndIgnoringCase() throws Exception {
            String raw = requestWith("Connection", "Connection: keep-alive, UPGRADE")
                    .replace("Upgrade: websocket", "Upgrade: WebSocket, h2c");
            assertThat(accept(raw, POLICY).response().status()).isEqualTo(101);
        }

        @Test
        void connectionSplitOverTwoLines_isAccepted() throws Exception {
            String raw = requestWith("Connection", "Connection: keep-alive\r\nConnection: Upgrade");
            assertThat(accept(raw, POLICY).response().status()).isEqualTo(101);
        }
    }

    @Nested
    class Rfc6455Section4_2_1_ClientRequirements {

        @Test
        void post_is405WithAllowGet() {
            HttpException e = refusal(requestWith("GET", "POST /chat HTTP/1.1"));
            assertThat(e.status()).isEqualTo(405);
            assertThat(e.responseHeaders().first("Allow")).contains("GET");
            assertThat(e.toResponse().headers().first("Allow")).contains("GET");
        }

        @Test
        void lowercaseGet_is405_becauseMethodsAreCaseSensitive() {
            assertThat(refusal(requestWith("GET", "get /chat HTTP/1.1")).status()).isEqualTo(405);
        }

        @Test
        void http10_is400_notA505WhichIsForAnotherMajorVersion() {
            HttpException e = refusal(requestWith("GET", "GET /chat HTTP/1.0"));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("\"HTTP/1.0\"").contains("RFC 6455 §4.2.1");
        }

        @Test
        void http2_is505() {
            assertThat(refusal(requestWith("GET", "GET /chat HTTP/2.0")).status()).isEqualTo(505);
        }

        @Test
        void http12_wouldBeAccepted_asHttp11OrLater() throws Exception {
            assertThat(accept(requestWith("GET", "GET /chat HTTP/1.2"), POLICY).response().status()).isEqualTo(101);
        }

        @Test
        void missingHost_is400() {
            HttpException e = refusal(requestWith("Host", null));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("Host");
        }

        @Test
        void emptyHost_is400() {
            assertThat(refusal(requestWith("Host", "Host:")).status()).isEqualTo(400);
        }

        @Test
        void missingUpgrade_is426WithUpgradeWebsocket() {
            HttpException e = refusal(requestWith("Upgrade", null));
            assertThat(e.status()).isEqualTo(426);
            assertThat(e.responseHeaders().first("Upgrade")).contains("websocket");
            assertThat(e.getMessage()).contains("Upgrade").contains("none");
        }

        @Test
        void upgradeToAnotherProtocol_is426() {
            HttpException e = refusal(requestWith("Upgrade", "Upgrade: h2c"));
            assertThat(e.status()).isEqualTo(426);
            assertThat(e.getMessage()).contains("\"h2c\"");
        }

        @Test
        void connectionWithoutUpgradeToken_is426() {
            HttpException e = refusal(requestWith("Connection", "Connection: keep-alive"));
            assertThat(e.status()).isEqualTo(426);
            assertThat(e.getMessage()).contains("\"keep-alive\"").contains("§4.2.1 item 4");
        }

        @Test
        void connectionTokenMustMatchWholly_notAsASubstring() {
            assertThat(refusal(requestWith("Connection", "Connection: Upgraded")).status()).isEqualTo(426);
        }

        @Test
        void missingKey_is400() {
            assertThat(refusal(requestWith("Sec-WebSocket-Key", null)).status()).isEqualTo(400);
        }

        @Test
        void keyOf15Bytes_is400AndSaysSo() {
            HttpException e = refusal(requestWith("Sec-WebSocket-Key", "Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAA"));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).startsWith("Sec-WebSocket-Key must decode to 16 bytes, got 15")
                    .contains("(RFC 6455 §4.2.1)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"AAAAAAAAAAAAAAAAAAAAAAAAAAAA", "not base64!", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ=",
                "AAAAAAAAAAAAAAAAAAAAAAAAAA=="})
        void keyThatIsNotPaddedBase64Of16Bytes_is400(String key) {
            assertThat(refusal(requestWith("Sec-WebSocket-Key", "Sec-WebSocket-Key: " + key)).status()).isEqualTo(400);
        }

        @Test
        void twoKeys_are400() {
            String raw = requestWith("Sec-WebSocket-Key", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==");
            assertThat(refusal(raw).status()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Sec-WebSocket-Version: 8", "Sec-WebSocket-Version: 13, 8", "Sec-WebSocket-Version: 14"})
        void wrongVersion_is426WithSecWebSocketVersion13(String line) {
            HttpException e = refusal(requestWith("Sec-WebSocket-Version", line));
            assertThat(e.status()).isEqualTo(426);
            assertThat(e.responseHeaders().first("Sec-WebSocket-Version")).contains("13");
            HttpResponse response = e.toResponse();
            assertThat(response.headers().first("Sec-WebSocket-Version")).contains("13");
            assertThat(response.headers().containsToken("Connection", "close")).isTrue();
        }

        @Test
        void missingVersion_is426() {
            assertThat(refusal(requestWith("Sec-WebSocket-Version", null)).status()).isEqualTo(426);
        }

        @Test
        void invalidSubprotocolToken_is400() {
            assertThat(refusal(requestWith("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: chat, \"quoted\"")).status())
                    .isEqualTo(400);
        }
    }

    @Nested
    class Rfc6455Section10_2_Origin {

        @Test
        void unlistedOrigin_is403() {
            HttpException e = refusal(requestWith("Origin", "Origin: https://evil.example"));
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.getMessage()).contains("\"https://evil.example\"").contains("§10.2");
        }

        @Test
        void defaults_refuseEveryBrowserOrigin() {
            assertThat(refusal(RFC_RAW, HandshakePolicy.defaults()).status())
                    .isEqualTo(403);
        }

        @Test
        void defaults_acceptAClientWithoutOrigin() throws Exception {
            assertThat(accept(requestWith("Origin", null), HandshakePolicy.defaults()).response().status()).isEqualTo(101);
        }

        @Test
        void requireOrigin_refusesAClientWithoutOrigin() {
            HandshakePolicy strict = POLICY.withOrigins(OriginPolicy.allowList(List.of("http://example.com")).requireOrigin());
            assertThat(refusal(requestWith("Origin", null), strict).status()).isEqualTo(403);
        }

        @Test
        void allowAny_acceptsAnyOrigin() throws Exception {
            String raw = requestWith("Origin", "Origin: https://anywhere.example");
            assertThat(accept(raw, POLICY.withOrigins(OriginPolicy.allowAny())).response().status()).isEqualTo(101);
        }

        @Test
        void twoOrigins_are400() {
            assertThat(refusal(requestWith("Origin", "Origin: http://example.com\r\nOrigin: http://example.com")).status())
                    .isEqualTo(400);
        }
    }

    @Nested
    class Rfc6455Section4_2_2_Subprotocols {

        @Test
        void serverPicksTheFirstOfTheClientsListThatItSupports() throws Exception {
            HandshakePolicy policy = POLICY.withSubprotocols(List.of("superchat", "chat")); // server prefers superchat
            HandshakeAccepted accepted = accept(RFC_RAW, policy);
            assertThat(accepted.subprotocol()).as("client's order wins").contains("chat");
        }

        @Test
        void subprotocolsAcrossRepeatedHeaders_areOneList() throws Exception {
            String raw = requestWith("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: v1\r\nSec-WebSocket-Protocol: superchat");
            assertThat(accept(raw, POLICY).subprotocol()).contains("superchat");
        }

        @Test
        void noCommonSubprotocol_meansNoHeader_andTheConnectionProceeds() throws Exception {
            HandshakeAccepted accepted = accept(requestWith("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: mqtt"), POLICY);
            assertThat(accepted.response().status()).isEqualTo(101);
            assertThat(accepted.subprotocol()).isEmpty();
            assertThat(accepted.response().headers().contains("Sec-WebSocket-Protocol")).isFalse();
        }

        @Test
        void subprotocolNamesAreCaseSensitive() throws Exception {
            assertThat(accept(requestWith("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: CHAT"), POLICY).subprotocol())
                    .isEmpty();
        }
    }

    @Nested
    class Rfc6455Section9_1_Extensions {

        private static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, "
                + "x-custom; note=\"a, b\"";

        @Test
        void byDefault_noExtensionIsAccepted() throws Exception {
            HandshakeAccepted accepted = accept(requestWith("Sec-WebSocket-Extensions", OFFER), POLICY);
            assertThat(accepted.extensions()).isEmpty();
            assertThat(accepted.response().headers().contains("Sec-WebSocket-Extensions")).isFalse();
        }

        @Test
        void theNegotiatorSeesEachOffer_andItsAnswerGoesIntoTheResponse() throws Exception {
            List<List<String>> seen = new ArrayList<>();
            ExtensionNegotiator negotiator = offered -> {
                seen.add(offered);
                return List.of("permessage-deflate");
            };
            HandshakeAccepted accepted = accept(requestWith("Sec-WebSocket-Extensions", OFFER), POLICY.withExtensions(negotiator));

            assertThat(seen).containsExactly(List.of("permessage-deflate; client_max_window_bits", "x-custom; note=\"a, b\""));
            assertThat(accepted.extensions()).containsExactly("permessage-deflate");
            assertThat(accepted.response().headers().first("Sec-WebSocket-Extensions")).contains("permessage-deflate");
        }

        @Test
        void theNegotiatorMayRefuseTheHandshake() {
            ExtensionNegotiator strict = offered -> {
                throw new HandshakeException(400, "bad extension offer");
            };
            assertThat(refusal(requestWith("Sec-WebSocket-Extensions", OFFER), POLICY.withExtensions(strict)).status())
                    .isEqualTo(400);
        }

        @Test
        void aNegotiatorAcceptingSomethingNotOffered_isAProgrammingError() {
            HandshakePolicy buggy = POLICY.withExtensions(offered -> List.of("x-unoffered"));
            Throwable thrown = catchThrowableOfType(IllegalStateException.class, () -> accept(RFC_RAW, buggy));
            assertThat(thrown).hasMessageContaining("x-unoffered");
        }
    }

    @Test
    void handBuiltRequestsAreCheckedToo() {
        HttpRequest request = new HttpRequest("GET", "/", "HTTP/1.1", HttpHeaders.of("Upgrade", "websocket"));
        HandshakeException e = catchThrowableOfType(HandshakeException.class, () -> new ServerHandshake(POLICY).accept(request));
        assertThat(e.status()).isEqualTo(400);
    }
}
