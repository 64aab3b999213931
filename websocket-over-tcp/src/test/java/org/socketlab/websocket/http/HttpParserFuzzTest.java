package org.socketlab.websocket.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.socketlab.websocket.handshake.ClientHandshake;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.handshake.ServerHandshake;

/**
 * Coverage-guided fuzzing of both parsers and both sides of the handshake. In a normal build each
 * {@code @FuzzTest} replays its corpus (src/test/resources/.../HttpParserFuzzTestInputs) as a plain
 * test. To fuzz one method (Jazzer fuzzes one per run, 30 s here):
 * {@code JAZZER_FUZZ=1 mvn -pl websocket-over-tcp -am verify -Dtest='HttpParserFuzzTest#requestParserAndServerHandshake'};
 * a finding is written as a crash-* file into the inputs folder — give it a telling name and keep it
 * as a regression input (content-length-with-leading-zero was found that way).
 *
 * <p>Properties checked for every input: the only exception to escape is {@link HttpException},
 * with a status from the documented set (parser: 400, 413, 414, 431, 501, 505; handshake: 400,
 * 403, 405, 426, 505); a parsed request respects every configured limit; a refusal's response
 * body is the fixed text for its status and never echoes request bytes; a 101 carries the
 * accept key of the request's nonce (RFC 6455 §4.2.2) and only for a listed or absent Origin.
 */
class HttpParserFuzzTest {

    private static final HttpLimits SMALL = new HttpLimits(256, 512, 16, 256);
    private static final ServerHandshake SERVER = new ServerHandshake(
            HandshakePolicy.defaults().withOrigins(OriginPolicy.allowList(List.of("http://example.com"))));
    private static final ClientHandshake CLIENT = ClientHandshake.builder().hostHeader("server.example.com")
            .keyBytes("the sample nonce".getBytes(StandardCharsets.US_ASCII)).build();

    private static final Set<Integer> PARSER_STATUSES = Set.of(400, 413, 414, 431, 501, 505);
    private static final Set<Integer> HANDSHAKE_STATUSES = Set.of(400, 403, 405, 426, 505);
    private static final Set<Integer> CLIENT_REFUSALS = Set.of(502);

    @FuzzTest(maxDuration = "60s")
    void requestParserAndServerHandshake(byte[] input) {
        int split = input.length == 0 ? 0 : (input[0] & 0xFF) % input.length;
        HttpRequestParser parser = new HttpRequestParser(SMALL);
        try {
            for (ByteBuffer chunk : new ByteBuffer[] {ByteBuffer.wrap(input, 0, split),
                    ByteBuffer.wrap(input, split, input.length - split)}) {
                HttpRequest request;
                while ((request = parser.parse(chunk)) != null) {
                    checkLimits(request);
                    accept(request);
                }
            }
        } catch (HttpException expected) {
            checkRefusal(expected, PARSER_STATUSES);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void responseParserAndClientValidation(byte[] input) {
        HttpResponseParser parser = new HttpResponseParser(SMALL);
        try {
            ByteBuffer in = ByteBuffer.wrap(input);
            HttpResponse response;
            while ((response = parser.parse(in)) != null) {
                validate(response);
            }
        } catch (HttpException expected) {
            if (!CLIENT_REFUSALS.contains(expected.status())) {
                throw new AssertionError("a malformed response must be reported as 502, got " + expected.status(), expected);
            }
        }
    }

    private static void validate(HttpResponse response) {
        try {
            CLIENT.validate(response);
            if (response.status() != 101 || !response.headers().first("Sec-WebSocket-Accept")
                    .equals(java.util.Optional.of(CLIENT.expectedAccept()))) {
                throw new AssertionError("validate() accepted a response that is not a correct 101: " + response);
            }
        } catch (HttpException refused) {
            int expected = response.status() == 101 ? 502 : response.status();
            if (refused.status() != expected) {
                throw new AssertionError("refusal status " + refused.status() + " for a " + response.status()
                        + " response; expected " + expected, refused);
            }
        }
    }

    private static void accept(HttpRequest request) {
        try {
            HttpResponse response = SERVER.accept(request).response();
            String key = request.headers().first("Sec-WebSocket-Key").orElseThrow();
            if (!response.headers().first("Sec-WebSocket-Accept").equals(java.util.Optional.of(
                    org.socketlab.websocket.handshake.AcceptKey.compute(key)))) {
                throw new AssertionError("101 without the accept key of " + key + ": " + response);
            }
            if (!SERVER.policy().origins().allows(request.headers().first("Origin"))) {
                throw new AssertionError("101 for a refused origin: " + request.headers().first("Origin"));
            }
            response.toBytes();
        } catch (HttpException refused) {
            checkRefusal(refused, HANDSHAKE_STATUSES);
        }
    }

    private static void checkLimits(HttpRequest request) {
        if (request.target().length() > SMALL.maxRequestLineLength() || request.headers().size() > SMALL.maxHeaderCount()
                || request.bodyLength() > SMALL.maxBodyBytes()) {
            throw new AssertionError("a request beyond the limits " + SMALL + " was returned: " + request);
        }
        int headerBytes = 0;
        for (Map.Entry<String, String> field : request.headers()) {
            headerBytes += field.getKey().length() + field.getValue().length() + 2;
        }
        if (headerBytes > SMALL.maxHeaderBytes()) {
            throw new AssertionError("headers of " + headerBytes + " bytes returned; limit " + SMALL.maxHeaderBytes());
        }
    }

    /** Status from the documented set; the body is the fixed text for it, never request bytes. */
    static void checkRefusal(HttpException refused, Set<Integer> allowed) {
        if (!allowed.contains(refused.status())) {
            throw new AssertionError("refused with " + refused.status() + "; documented statuses are " + allowed, refused);
        }
        HttpResponse response = refused.toResponse();
        if (!response.bodyText().equals(ErrorBodies.forStatus(refused.status()))) {
            throw new AssertionError("the error body is not the fixed text for " + refused.status() + ": "
                    + response.bodyText());
        }
        response.toBytes();
    }
}
