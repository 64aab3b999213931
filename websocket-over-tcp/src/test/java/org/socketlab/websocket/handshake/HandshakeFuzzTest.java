package org.socketlab.websocket.handshake;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;
import org.socketlab.websocket.http.HttpResponse;

/**
 * Coverage-guided fuzzing of both sides of the opening handshake (RFC 6455 §4) over structured
 * messages: the fuzzer picks methods, versions and header fields from a mix of the names that
 * matter and arbitrary tokens, so it reaches past the parser's syntax checks into the
 * handshake's semantic ones. A normal build replays src/test/resources/.../HandshakeFuzzTestInputs.
 *
 * <p>Properties: {@link ServerHandshake#accept} either answers 101 — only for GET HTTP/1.1 with one
 * Host, Upgrade/Connection tokens, version 13, a nonce that decodes to 16 bytes, an allowed or
 * absent Origin, with the accept key of that nonce and a subprotocol both sides listed — or throws
 * {@link HttpException} with 400, 403, 405, 426 or 505. {@link ClientHandshake#validate}
 * accepts only a 101 carrying the expected accept key and at most an offered subprotocol, and
 * otherwise reports the server's own status, or 502 for a broken 101.
 */
class HandshakeFuzzTest {

    private static final List<String> NAMES = List.of("Host", "Upgrade", "Connection", "Sec-WebSocket-Key",
            "Sec-WebSocket-Version", "Origin", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions",
            "Sec-WebSocket-Accept", "Content-Length", "X-Other");
    private static final List<String> VALUES = List.of("websocket", "Upgrade", "keep-alive, Upgrade", "13", "8",
            "dGhlIHNhbXBsZSBub25jZQ==", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "http://good.example", "http://evil.example",
            "null", "chat", "superchat, chat", "permessage-deflate", "example.com", "");
    private static final Set<Integer> SERVER_STATUSES = Set.of(400, 403, 405, 426, 505);

    private static final ServerHandshake SERVER = new ServerHandshake(HandshakePolicy.defaults()
            .withOrigins(OriginPolicy.allowList(List.of("http://good.example")))
            .withSubprotocols(List.of("chat", "superchat")));
    private static final ClientHandshake CLIENT = ClientHandshake.builder().hostHeader("example.com")
            .subprotocols(List.of("chat"))
            .keyBytes("the sample nonce".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).build();

    @FuzzTest(maxDuration = "60s")
    void serverAcceptsOnlyValidUpgrades(FuzzedDataProvider data) {
        String method = data.pickValue(List.of("GET", "POST", "HEAD", "get"));
        String version = data.pickValue(List.of("HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.2"));
        HttpHeaders headers = headers(data);
        HttpRequest request;
        try {
            request = new HttpRequest(method, "/chat", version, headers);
        } catch (IllegalArgumentException notARequest) {
            return; // the parser never produces one of these
        }
        try {
            HandshakeAccepted accepted = SERVER.accept(request);
            checkAccepted(request, accepted);
        } catch (HttpException refused) {
            if (!SERVER_STATUSES.contains(refused.status())) {
                throw new AssertionError("refused with " + refused.status() + "; documented: " + SERVER_STATUSES, refused);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void clientValidatesOnlyCorrect101s(FuzzedDataProvider data) {
        int status = data.pickValue(List.of(101, 101, 101, 200, 301, 400, 403, 426, 503));
        HttpHeaders headers = headers(data);
        if (data.consumeBoolean()) {
            headers.add("Sec-WebSocket-Accept", CLIENT.expectedAccept());
        }
        HttpResponse response;
        try {
            response = new HttpResponse(status, "Reason", headers, null);
        } catch (IllegalArgumentException notAResponse) {
            return;
        }
        try {
            ClientHandshakeResult result = CLIENT.validate(response);
            List<String> accepts = headers.all("Sec-WebSocket-Accept");
            if (status != 101 || !accepts.equals(List.of(CLIENT.expectedAccept()))
                    || !headers.containsToken("Connection", "Upgrade")
                    || !headers.all("Upgrade").stream().allMatch("websocket"::equalsIgnoreCase)) {
                throw new AssertionError("validate() accepted an incorrect response: " + response);
            }
            if (result.subprotocol().isPresent() && !result.subprotocol().get().equals("chat")) {
                throw new AssertionError("accepted a subprotocol we did not offer: " + result.subprotocol());
            }
            if (!result.extensions().isEmpty()) {
                throw new AssertionError("accepted extensions we did not offer: " + result.extensions());
            }
        } catch (HttpException refused) {
            int expected = status == 101 ? 502 : status;
            if (refused.status() != expected) {
                throw new AssertionError("refusal " + refused.status() + " for a " + status + "; expected " + expected, refused);
            }
        }
    }

    private static HttpHeaders headers(FuzzedDataProvider data) {
        HttpHeaders headers = new HttpHeaders();
        int count = data.consumeInt(0, 12);
        for (int i = 0; i < count; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeAsciiString(12);
            String value = data.consumeBoolean() ? data.pickValue(VALUES) : data.consumeAsciiString(40);
            try {
                headers.add(name, value);
            } catch (IllegalArgumentException notAField) {
                // not something the parser could have produced; skip it
            }
        }
        return headers;
    }

    private static void checkAccepted(HttpRequest request, HandshakeAccepted accepted) {
        HttpHeaders in = request.headers();
        HttpHeaders out = accepted.response().headers();
        String key = in.first("Sec-WebSocket-Key").orElseThrow(() -> new AssertionError("101 without a key"));
        boolean valid = request.method().equals("GET") && request.version().equals("HTTP/1.1")
                && in.all("Host").size() == 1 && in.containsToken("Upgrade", "websocket")
                && in.containsToken("Connection", "Upgrade") && in.all("Sec-WebSocket-Version").equals(List.of("13"))
                && in.all("Sec-WebSocket-Key").size() == 1 && decodesTo16Bytes(key)
                && SERVER.policy().origins().allows(in.first("Origin"));
        if (!valid || accepted.response().status() != 101) {
            throw new AssertionError("101 for an invalid upgrade request: " + request);
        }
        if (!out.first("Sec-WebSocket-Accept").equals(Optional.of(AcceptKey.compute(key)))) {
            throw new AssertionError("wrong accept key for " + key + ": " + out);
        }
        Optional<String> chosen = accepted.subprotocol();
        if (chosen.isPresent() && (!in.tokens("Sec-WebSocket-Protocol").contains(chosen.get())
                || !SERVER.policy().subprotocols().contains(chosen.get()))) {
            throw new AssertionError("chose " + chosen.get() + ", which one side did not list");
        }
        if (!accepted.extensions().isEmpty()) {
            throw new AssertionError("negotiated extensions without a negotiator: " + accepted.extensions());
        }
    }

    private static boolean decodesTo16Bytes(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
