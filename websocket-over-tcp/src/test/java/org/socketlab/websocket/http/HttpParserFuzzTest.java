package org.socketlab.websocket.http;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * as a regression input (content-length-with-leading-zero was found that way). The only exception
 * allowed to escape the parsers and handshakes is {@link HandshakeException}.
 */
class HttpParserFuzzTest {

    private static final HttpLimits SMALL = new HttpLimits(256, 512, 16, 256);
    private static final ServerHandshake SERVER = new ServerHandshake(
            HandshakePolicy.defaults().withOrigins(OriginPolicy.allowList(List.of("http://example.com"))));
    private static final ClientHandshake CLIENT = ClientHandshake.builder().hostHeader("server.example.com")
            .keyBytes("the sample nonce".getBytes(StandardCharsets.US_ASCII)).build();

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
