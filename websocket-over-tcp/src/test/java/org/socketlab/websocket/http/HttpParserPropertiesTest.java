package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.handshake.OriginPolicy;
import org.socketlab.websocket.handshake.ServerHandshake;

/**
 * Properties of the parsers over generated input: what we write parses back identically at any
 * split, byte-by-byte feeding gives the same outcome as feeding whole, and garbage only ever
 * produces {@link HttpException}. jqwik prints the seed of a failing run and replays it
 * first on the next run (.jqwik-database, git-ignored).
 */
class HttpParserPropertiesTest {

    private static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Set<String> FRAMING = Set.of("host", "content-length", "transfer-encoding");
    private static final ServerHandshake ANY_ORIGIN = new ServerHandshake(
            HandshakePolicy.defaults().withOrigins(OriginPolicy.allowAny()));

    @Property(tries = 300)
    void anyRequestWeWrite_parsesBackIdentically_atAnySplit(@ForAll("requests") HttpRequest written,
                                                           @ForAll("cuts") List<Integer> cuts) throws Exception {
        byte[] wire = written.toBytes();
        List<Object> outcome = feed(new HttpRequestParser()::parse, wire, cuts);
        assertThat(outcome).containsExactly(written);
    }

    @Property(tries = 300)
    void anyRequestWeWrite_parsesBackIdentically_oneByteAtATime(@ForAll("requests") HttpRequest written) throws Exception {
        assertThat(ParserFeeding.parseByteByByte(written.toBytes(), HttpLimits.defaults())).isEqualTo(written);
    }

    @Property(tries = 200)
    void anyResponseWeWrite_parsesBackIdentically_atAnySplit(@ForAll("responses") HttpResponse written,
                                                            @ForAll("cuts") List<Integer> cuts) throws Exception {
        List<Object> outcome = feed(new HttpResponseParser()::parse, written.toBytes(), cuts);
        assertThat(outcome).containsExactly(written);
    }

    @Property(tries = 500)
    void randomBytes_onlyEverGiveHandshakeException_andTheSameOutcomeByteByByte(
            @ForAll("garbage") byte[] garbage, @ForAll("cuts") List<Integer> cuts) throws Exception {
        List<Object> whole = feed(new HttpRequestParser()::parse, garbage, List.of());
        assertThat(feed(new HttpRequestParser()::parse, garbage, cuts)).isEqualTo(whole);
        assertThat(feed(new HttpRequestParser()::parse, garbage, everyByte(garbage))).isEqualTo(whole);
        assertThat(feed(new HttpResponseParser()::parse, garbage, cuts))
                .isEqualTo(feed(new HttpResponseParser()::parse, garbage, List.of()));
        handshakeEach(whole);
    }

    @Property(tries = 500)
    void mutatedHandshakes_onlyEverGiveHandshakeException_andTheSameOutcomeByteByByte(
            @ForAll("mutatedHandshakes") byte[] input) throws Exception {
        List<Object> whole = feed(new HttpRequestParser()::parse, input, List.of());
        assertThat(feed(new HttpRequestParser()::parse, input, everyByte(input))).isEqualTo(whole);
        handshakeEach(whole);
    }

    /** The handshake on top of whatever parsed may refuse, but only with a HttpException. */
    private static void handshakeEach(List<Object> outcome) {
        for (Object item : outcome) {
            if (item instanceof HttpRequest request) {
                try {
                    ANY_ORIGIN.accept(request);
                } catch (HttpException refused) {
                    assertThat(refused.toResponse().status()).isEqualTo(refused.status());
                }
            }
        }
    }

    @FunctionalInterface
    interface Parse {
        Object parse(ByteBuffer in) throws HttpException;
    }

    /**
     * Feeds {@code wire} cut at {@code cuts}; returns every message parsed, then the rejection
     * (as status and message) if there was one. Any other exception escapes and fails the property.
     */
    static List<Object> feed(Parse parser, byte[] wire, List<Integer> cuts) {
        List<Object> outcome = new ArrayList<>();
        List<Integer> points = new ArrayList<>(cuts.stream().map(c -> c % (wire.length + 1)).sorted().toList());
        points.add(wire.length);
        int from = 0;
        try {
            for (int to : points) {
                ByteBuffer chunk = ByteBuffer.wrap(wire, from, to - from);
                Object message;
                while ((message = parser.parse(chunk)) != null) {
                    outcome.add(message);
                }
                assertThat(chunk.hasRemaining()).as("a null answer consumed the chunk").isFalse();
                from = to;
            }
        } catch (HttpException e) {
            outcome.add(e.status() + " " + e.getMessage());
        }
        return outcome;
    }

    private static List<Integer> everyByte(byte[] wire) {
        List<Integer> cuts = new ArrayList<>(wire.length);
        for (int i = 1; i < wire.length; i++) {
            cuts.add(i);
        }
        return cuts;
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<HttpRequest> requests() {
        Arbitrary<String> method = Arbitraries.strings().withChars(TCHARS).ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> target = Arbitraries.strings().withChars("abcXYZ019-._~/?&=%+:@!$'()*,;").ofMaxLength(60)
                .map(rest -> "/" + rest);
        Arbitrary<String> version = Arbitraries.of("HTTP/1.1", "HTTP/1.0");
        return Combinators.combine(method, target, version, fields(), bodies()).as((m, t, v, fields, body) -> {
            HttpHeaders headers = new HttpHeaders();
            if (v.equals("HTTP/1.1")) {
                headers.add("Host", "example.com:8080");
            }
            fields.forEach(field -> headers.add(field.get1(), field.get2()));
            if (body.length > 0) {
                headers.add("Content-Length", String.valueOf(body.length));
            }
            return new HttpRequest(m, t, v, headers, body);
        });
    }

    @Provide
    Arbitrary<HttpResponse> responses() {
        Arbitrary<Integer> status = Arbitraries.integers().between(200, 599)
                .filter(code -> code != HttpStatus.NO_CONTENT && code != HttpStatus.NOT_MODIFIED);
        Arbitrary<String> reason = Arbitraries.strings().withChars("abc XYZ-").ofMaxLength(20).map(String::strip);
        return Combinators.combine(status, reason, fields(), bodies()).as((code, text, fields, body) -> {
            HttpHeaders headers = new HttpHeaders();
            fields.forEach(field -> headers.add(field.get1(), field.get2()));
            headers.add("Content-Length", String.valueOf(body.length));
            return new HttpResponse(code, text, headers, body);
        });
    }

    private static Arbitrary<List<Tuple.Tuple2<String, String>>> fields() {
        Arbitrary<String> name = Arbitraries.strings().withChars(TCHARS).ofMinLength(1).ofMaxLength(20)
                .filter(n -> !FRAMING.contains(n.toLowerCase(Locale.ROOT)));
        Arbitrary<String> value = Arbitraries.strings().withCharRange(' ', '~').withChars('\t').ofMaxLength(40)
                .map(v -> v.replaceAll("^[ \t]+|[ \t]+$", ""));
        return Combinators.combine(name, value).as(Tuple::of).list().ofMaxSize(20);
    }

    private static Arbitrary<byte[]> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(new byte[0])),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)));
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        // Pieces of HTTP glued at random reach the deeper states that uniform bytes never do.
        Arbitrary<String> piece = Arbitraries.of("GET ", "POST ", "/", "/chat?a=%zz", " HTTP/1.1", " HTTP/1.0",
                " HTTP/2.0", "HTTP/1.1 101 OK", "\r\n", "\n", "\r", ":", " ", "\t", "Host: a", "Content-Length: 3",
                "Content-Length: -1", "Transfer-Encoding: chunked", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", "Origin: null",
                "\u0000", "\u00ff", "é", "x", "abc");
        Arbitrary<byte[]> httpish = piece.list().ofMaxSize(60)
                .map(pieces -> String.join("", pieces).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(randomBytes, httpish);
    }

    @Provide
    Arbitrary<byte[]> mutatedHandshakes() {
        byte[] valid = HttpRequestParserTest.RFC_6455_REQUEST.getBytes(StandardCharsets.US_ASCII);
        Arbitrary<Tuple.Tuple3<Integer, Integer, Byte>> edit = Combinators.combine(
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, valid.length - 1),
                Arbitraries.bytes()).as(Tuple::of);
        return edit.list().ofMinSize(1).ofMaxSize(8).map(edits -> {
            List<Byte> bytes = new ArrayList<>();
            for (byte b : valid) {
                bytes.add(b);
            }
            for (Tuple.Tuple3<Integer, Integer, Byte> e : edits) {
                int at = e.get2() % Math.max(1, bytes.size());
                switch (e.get1()) {
                    case 0 -> bytes.set(at, e.get3());
                    case 1 -> bytes.add(at, e.get3());
                    default -> bytes.remove(at);
                }
            }
            byte[] out = new byte[bytes.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = bytes.get(i);
            }
            return out;
        });
    }
}
