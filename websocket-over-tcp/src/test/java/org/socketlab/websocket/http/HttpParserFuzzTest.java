package org.socketlab.websocket.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.socketlab.websocket.handshake.ClientHandshake;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.handshake.ServerHandshake;

/**
 * Coverage-guided fuzzing of both parsers and both sides of the handshake. In a normal build each
 * {@code @FuzzTest} replays its corpus (src/test/resources/.../HttpParserFuzzTestInputs) as a plain
 * test; {@code JAZZER_FUZZ=1 mvn -pl websocket-over-tcp verify -Dtest=HttpParserFuzzTest} fuzzes
 * and writes any finding as a crash-* file to add to the corpus. The only exception allowed to
 * escape the parsers and handshakes is {@link HandshakeException}.
 */
class HttpParserFuzzTest {

    private static final HttpLimits SMALL = new HttpLimits(256, 512, 16, 256);
    private static final ServerHandshake SERVER = new ServerHandshake(
            HandshakePolicy.defaults().withOrigins(OriginPolicy.allowList(java.util.List.of("http://example.com"))));
    private static final ClientHandshake CLIENT = ClientHandshake.builder().hostHeader("server.example.com")
            .keyBytes("the sample nonce".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).build();

    @FuzzTest(maxDuration = "30s")
    void requestParserAndServerHandshake(byte[] input) {
        int split = input.length == 0 ? 0 : (input[0] & 0xFF) % input.length;
        HttpRequestParser parser = new HttpRequestParser(SMALL);
        try {
            for (ByteBuffer chunk : new ByteBuffer[] {ByteBuffer.wrap(input, 0, split),
                    ByteBuffer.wrap(input, split, input.length - split)}) {
                HttpRequest request;
                while ((request = parser.parse(chunk)) != null) {
                    accept(request);
                }
            }
        } catch (HandshakeException expected) {
            expected.toResponse().toBytes();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void responseParserAndClientValidation(byte[] input) {
        HttpResponseParser parser = new HttpResponseParser(SMALL);
        try {
            ByteBuffer in = ByteBuffer.wrap(input);
            HttpResponse response;
            while ((response = parser.parse(in)) != null) {
                try {
                    CLIENT.validate(response);
                } catch (HandshakeException refused) {
                    // the server's fault, reported as such
                }
            }
        } catch (HandshakeException expected) {
            // malformed response: 502
        }
    }

    private static void accept(HttpRequest request) {
        try {
            SERVER.accept(request).response().toBytes();
        } catch (HandshakeException refused) {
            refused.toResponse().toBytes();
        }
    }
}
