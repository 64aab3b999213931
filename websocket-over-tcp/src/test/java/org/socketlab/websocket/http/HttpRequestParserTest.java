package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socketlab.websocket.http.ParserFeeding.ascii;
import static org.socketlab.websocket.http.ParserFeeding.parseByteByByte;
import static org.socketlab.websocket.http.ParserFeeding.parseWhole;
import static org.socketlab.websocket.http.ParserFeeding.rejected;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestParserTest {

    /** The client handshake of RFC 6455 §1.2 / §4.1. */
    static final String RFC_6455_REQUEST = "GET /chat HTTP/1.1\r\n"
            + "Host: server.example.com\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Origin: http://example.com\r\n"
            + "Sec-WebSocket-Protocol: chat, superchat\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n";

    @Nested
    class Rfc6455Example {

        @Test
        void parsesTheClientHandshakeOfRfc6455() throws Exception {
            HttpRequest request = parseWhole(RFC_6455_REQUEST);

            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.target()).isEqualTo("/chat");
            assertThat(request.version()).isEqualTo("HTTP/1.1");
            assertThat(request.headers().size()).isEqualTo(7);
            assertThat(request.headers().first("sec-websocket-key")).contains("dGhlIHNhbXBsZSBub25jZQ==");
            assertThat(request.headers().tokens("Sec-WebSocket-Protocol")).containsExactly("chat", "superchat");
            assertThat(request.bodyLength()).isZero();
        }

        @Test
        void oneByteAtATime_givesTheSameRequest() throws Exception {
            HttpRequest whole = parseWhole(RFC_6455_REQUEST);
            HttpRequest bytewise = parseByteByByte(RFC_6455_REQUEST.getBytes(StandardCharsets.US_ASCII), HttpLimits.defaults());
            assertThat(bytewise).isEqualTo(whole);
        }

        @Test
        void framesSentRightBehindTheHandshake_stayInTheBuffer() throws Exception {
            byte[] frame = {
                (byte) 0x81,                   // FIN, opcode 1 (text)
                (byte) 0x85,                   // MASK, payload length 5
                1, 2, 3, 4,                    // masking key
                0x49, 0x67, 0x6f, 0x68, 0x6e}; // "Hello" XOR key (RFC 6455 §5.3)
            ByteBuffer in = ByteBuffer.allocate(RFC_6455_REQUEST.length() + frame.length);
            in.put(RFC_6455_REQUEST.getBytes(StandardCharsets.US_ASCII)).put(frame).flip();

            assertThat(new HttpRequestParser(HttpLimits.defaults()).parse(in)).isNotNull();

            assertThat(in.position()).isEqualTo(RFC_6455_REQUEST.length());
            assertThat(in.remaining()).isEqualTo(frame.length);
            assertThat(in.get()).isEqualTo((byte) 0x81);
        }

        @Test
        void incompleteHead_needsMoreAndConsumesWhatItWasGiven() throws Exception {
            HttpRequestParser parser = new HttpRequestParser();
            ByteBuffer first = ascii("GET /chat HTTP/1.1\r\nHost: a\r\n");
            assertThat(parser.parse(first)).isNull();
            assertThat(first.hasRemaining()).isFalse();
            assertThat(parser.parse(ascii("\r\n"))).isNotNull();
        }

        @Test
        void pipelinedRequests_areParsedOneAfterTheOther() throws Exception {
            HttpRequestParser parser = new HttpRequestParser();
            ByteBuffer in = ascii("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(parser.parse(in).target()).isEqualTo("/a");
            assertThat(parser.parse(in).target()).isEqualTo("/b");
            assertThat(in.hasRemaining()).isFalse();
        }
    }

    @Nested
    class Rfc9112Section2_2_MessageParsing {

        @Test
        void bareLfLineEndings_areRejectedWith400() {
            HttpException e = rejected("GET / HTTP/1.1\nHost: a\n\n");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("bare LF").contains("RFC 9112 §2.2");
        }

        @Test
        void bareCrInsideAHeaderLine_isRejectedWith400() {
            assertThat(rejected("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n").status()).isEqualTo(400);
        }

        @Test
        void emptyLinesBeforeTheRequestLine_areIgnored() throws Exception {
            assertThat(parseWhole("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n").target()).isEqualTo("/");
        }

        @Test
        void whitespaceBetweenStartLineAndFirstHeader_isRejectedWith400() {
            HttpException e = rejected("GET / HTTP/1.1\r\n Host: a\r\n\r\n");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("first header field").contains("RFC 9112 §2.2");
        }

        @Test
        void parserThatRejected_refusesFurtherInput() {
            HttpRequestParser parser = new HttpRequestParser();
            assertThatThrownBy(() -> parser.parse(ascii("GET / HTTP/1.1\n"))).isInstanceOf(HttpException.class);
            assertThatThrownBy(() -> parser.parse(ascii("\r\n"))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Rfc9112Section3_RequestLine {

        @Test
        void requestLineLongerThanTheLimit_is414() {
            String target = "/" + "a".repeat(8192);
            HttpException e = rejected("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(e.status()).isEqualTo(414);
            assertThat(e.getMessage()).contains("8192");
        }

        @Test
        void requestLineExactlyAtTheLimit_isAccepted() throws Exception {
            HttpLimits limits = HttpLimits.defaults().withMaxRequestLineLength(20);
            String line = "GET /" + "a".repeat(6) + " HTTP/1.1"; // 20 bytes
            assertThat(line).hasSize(20);
            assertThat(parseWhole(line + "\r\nHost: a\r\n\r\n", limits).target()).isEqualTo("/aaaaaa");
            assertThat(rejected("GET /" + "a".repeat(7) + " HTTP/1.1\r\nHost: a\r\n\r\n", limits).status()).isEqualTo(414);
        }

        @Test
        void endlessRequestLine_isRejectedBeforeTheLimitIsExceededMuch() {
            HttpRequestParser parser = new HttpRequestParser(HttpLimits.defaults().withMaxRequestLineLength(100));
            ByteBuffer in = ascii("GET /" + "a".repeat(10_000));
            assertThatThrownBy(() -> parser.parse(in)).isInstanceOf(HttpException.class);
            assertThat(in.position()).as("bytes read before giving up").isLessThanOrEqualTo(103);
        }

        @ParameterizedTest
        @ValueSource(strings = {"GET  / HTTP/1.1", "GET /  HTTP/1.1", "GET / HTTP/1.1 ", " GET / HTTP/1.1",
                "GET /", "GET/HTTP/1.1", "GET\t/ HTTP/1.1"})
        void malformedRequestLine_is400(String line) {
            assertThat(rejected(line + "\r\nHost: a\r\n\r\n").status()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"G(T", "GE:T", "GÉT", "GET\u0000"})
        void methodThatIsNotAToken_is400(String method) {
            assertThat(rejected(method + " / HTTP/1.1\r\nHost: a\r\n\r\n").status()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"chat", "*", "example.com:443", "?x", "/a\u00e9"})
        void targetThatIsNeitherOriginNorAbsoluteForm_is400(String target) {
            assertThat(rejected("GET " + target + " HTTP/1.1\r\nHost: a\r\n\r\n").status()).isEqualTo(400);
        }

        @Test
        void absoluteFormTarget_isAccepted() throws Exception {
            HttpRequest request = parseWhole("GET http://example.com:8080/chat?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n");
            assertThat(request.path()).isEqualTo("/chat");
            assertThat(request.query()).isEqualTo("x=1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"HTTP/1", "http/1.1", "HTTP/1.1.1", "HTTP/11", "HTTX/1.1", "HTTP/a.b"})
        void malformedVersion_is400(String version) {
            assertThat(rejected("GET / " + version + "\r\nHost: a\r\n\r\n").status()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"HTTP/2.0", "HTTP/3.0", "HTTP/0.9"})
        void majorVersionOtherThanOne_is505(String version) {
            HttpException e = rejected("GET / " + version + "\r\nHost: a\r\n\r\n");
            assertThat(e.status()).isEqualTo(505);
            assertThat(e.getMessage()).contains(version).contains("RFC 9110 §15.6.6");
        }

        @Test
        void http10_isParsed_theHandshakeDecidesWhatToDoWithIt() throws Exception {
            assertThat(parseWhole("GET / HTTP/1.0\r\n\r\n").version()).isEqualTo("HTTP/1.0");
        }
    }

    @Nested
    class Rfc9112Section3_2_Host {

        @Test
        void http11RequestWithoutHost_is400() {
            HttpException e = rejected("GET / HTTP/1.1\r\nUpgrade: websocket\r\n\r\n");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("Host").contains("RFC 9112 §3.2");
        }

        @Test
        void twoHostHeaders_is400() {
            assertThat(rejected("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").status()).isEqualTo(400);
        }
    }

    @Nested
    class Rfc9112Section5_FieldSyntax {

        @Test
        void namesAreCaseInsensitive_andSpellingIsKept() throws Exception {
            HttpRequest request = parseWhole("GET / HTTP/1.1\r\nhOsT: a\r\nX-Thing:   spaced value \t\r\n\r\n");
            assertThat(request.headers().first("HOST")).contains("a");
            assertThat(request.headers().first("x-thing")).contains("spaced value");
            assertThat(request.headers().iterator().next().getKey()).isEqualTo("hOsT");
        }

        @Test
        void emptyFieldValue_isKept() throws Exception {
            assertThat(parseWhole("GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\n\r\n").headers().first("X-Empty")).contains("");
        }

        @Test
        void repeatedHeaders_areKeptInOrder() throws Exception {
            HttpRequest request = parseWhole("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n"
                    + "Connection: Upgrade\r\n\r\n");
            assertThat(request.headers().all("connection")).containsExactly("keep-alive", "Upgrade");
            assertThat(request.headers().containsToken("Connection", "upgrade")).isTrue();
        }

        @Test
        void obsFold_is400() {
            HttpException e = rejected("GET / HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n two\r\n\r\n");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("obs-fold").contains("RFC 9112 §5.2");
        }

        @Test
        void whitespaceBetweenNameAndColon_is400() {
            HttpException e = rejected("GET / HTTP/1.1\r\nHost : a\r\n\r\n");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("RFC 9112 §5.1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"X(y): 1", "X y: 1", "Xé: 1", ": 1", "no colon here", "X\u0001: 1"})
        void invalidFieldLine_is400(String fieldLine) {
            assertThat(rejected("GET / HTTP/1.1\r\nHost: a\r\n" + fieldLine + "\r\n\r\n").status()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"caf\u00e9", "a\u0000b", "a\u0007b", "a\u007fb", "\u00ff"})
        void nonAsciiOrControlBytesInAValue_are400(String value) {
            HttpException e = rejected("GET / HTTP/1.1\r\nHost: a\r\nX-Value: " + value + "\r\n\r\n");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("X-Value").contains("RFC 9110 §5.5");
        }

        @Test
        void errorMessageQuotesUnprintableBytesSafely() {
            HttpException e = rejected("GET / HTTP/1.1\r\nHost: a\r\nX: a\u0000b\r\n\r\n");
            assertThat(e.getMessage()).contains("0x00").doesNotContain("\u0000");
        }
    }

    @Nested
    class Rfc6585Section5_HeaderLimits {

        @Test
        void headerSectionLargerThanTheLimit_is431() {
            String big = "X-Big: " + "b".repeat(9000) + "\r\n";
            HttpException e = rejected("GET / HTTP/1.1\r\nHost: a\r\n" + big + "\r\n");
            assertThat(e.status()).isEqualTo(431);
            assertThat(e.getMessage()).contains("8192");
        }

        @Test
        void endlessHeaderValue_isRejectedWithoutReadingMuchPastTheLimit() {
            HttpRequestParser parser = new HttpRequestParser(HttpLimits.defaults().withMaxHeaderBytes(64));
            String line = "GET / HTTP/1.1\r\n";
            ByteBuffer in = ascii(line + "X: " + "v".repeat(100_000));
            assertThatThrownBy(() -> parser.parse(in)).isInstanceOfSatisfying(HttpException.class,
                    e -> assertThat(e.status()).isEqualTo(431));
            assertThat(in.position()).isEqualTo(line.length() + 65);
        }

        @Test
        void headerSectionExactlyAtTheLimit_isAccepted() throws Exception {
            HttpLimits limits = HttpLimits.defaults().withMaxHeaderBytes(16);
            // "Host: abcdefgh\r\n" = 16 bytes, but the final CRLF makes 18.
            assertThat(rejected("GET / HTTP/1.1\r\nHost: abcdefgh\r\n\r\n", limits).status()).isEqualTo(431);
            assertThat(parseWhole("GET / HTTP/1.1\r\nHost: abcdef\r\n\r\n", limits).headers().size()).isEqualTo(1);
        }

        @Test
        void moreHeaderLinesThanTheLimit_is431() {
            String many = "X-A: 1\r\n".repeat(100);
            HttpException e = rejected("GET / HTTP/1.1\r\nHost: a\r\n" + many + "\r\n");
            assertThat(e.status()).isEqualTo(431);
            assertThat(e.getMessage()).contains("100 header fields");
        }

        @Test
        void exactlyTheMaximumNumberOfHeaderLines_isAccepted() throws Exception {
            String many = "X-A: 1\r\n".repeat(99);
            assertThat(parseWhole("GET / HTTP/1.1\r\nHost: a\r\n" + many + "\r\n").headers().size()).isEqualTo(100);
        }
    }

    @Nested
    class Rfc9112Section6_Body {

        @Test
        void contentLengthBody_isReadAndLeftoverStays() throws Exception {
            ByteBuffer in = ascii("POST /send HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloNEXT");
            HttpRequest request = new HttpRequestParser().parse(in);
            assertThat(request.bodyText()).isEqualTo("hello");
            assertThat(in.remaining()).isEqualTo(4);
        }

        @Test
        void bodyArrivingInPieces_completesOnTheLastByte() throws Exception {
            byte[] raw = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII);
            assertThat(parseByteByByte(raw, HttpLimits.defaults()).bodyText()).isEqualTo("abc");
        }

        @Test
        void bodyLargerThanTheLimit_is413() {
            HttpLimits limits = HttpLimits.defaults().withMaxBodyBytes(4);
            HttpException e = rejected("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello", limits);
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.getMessage()).contains("5 bytes").contains("limit of 4");
        }

        @Test
        void hugeContentLength_is413NotAnOverflow() {
            assertThat(rejected("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n")
                    .status()).isEqualTo(413);
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "1.0", "abc", "0x10", "+5", ""})
        void invalidContentLength_is400(String value) {
            assertThat(rejected("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + value + "\r\n\r\n").status())
                    .isEqualTo(400);
        }

        @Test
        void contentLengthWithLeadingZeros_isADecimalNumber() throws Exception {
            // Found by Jazzer: the parser read 7 bytes, then HttpRequest refused "07" as not matching 7.
            assertThat(parseWhole("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 07\r\n\r\nabcdefg").bodyText())
                    .isEqualTo("abcdefg");
            assertThat(parseWhole("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0000000000000000000003\r\n\r\nabc")
                    .bodyText()).isEqualTo("abc");
        }

        @Test
        void conflictingContentLengths_are400() {
            assertThat(rejected("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
                    .status()).isEqualTo(400);
        }

        @Test
        void identicalRepeatedContentLengths_areAccepted() throws Exception {
            assertThat(parseWhole("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\n\r\nab").bodyText()).isEqualTo("ab");
        }

        @Test
        void chunkedRequestBody_isDecoded_andFramedByLength() throws Exception {
            // RFC 9112 §7.1: Node's http.request sends a body this way when no Content-Length is set.
            HttpRequest request = parseWhole("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3;ext=1\r\n[\"a\r\n2\r\n\"]\r\n0\r\nX-Trailer: t\r\n\r\n");
            assertThat(request.bodyText()).isEqualTo("[\"a\"]");
            assertThat(request.headers().contains("Transfer-Encoding")).isFalse();
            assertThat(request.headers().first("Content-Length")).contains("5");
        }

        @Test
        void chunkedRequestBody_fedOneByteAtATime_isDecoded() throws Exception {
            byte[] bytes = ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "a\r\n0123456789\r\n0\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            HttpRequestParser parser = new HttpRequestParser();
            HttpRequest first = null;
            int offset = 0;
            while (first == null) {
                first = parser.parse(ByteBuffer.wrap(bytes, offset++, 1));
            }
            assertThat(first.bodyText()).isEqualTo("0123456789");
            HttpRequest second = parser.parse(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
            assertThat(second.target()).isEqualTo("/next");
        }

        @Test
        void chunkedBodyOverTheLimit_is413() {
            HttpRequestParser parser = new HttpRequestParser(HttpLimits.defaults().withMaxBodyBytes(4));
            assertThatThrownBy(() -> parser.parse(ByteBuffer.wrap(("POST / HTTP/1.1\r\nHost: a\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n0\r\n\r\n").getBytes(
                            java.nio.charset.StandardCharsets.US_ASCII))))
                    .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(413));
        }

        @Test
        void malformedChunkSize_is400() {
            assertThat(rejected("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").status())
                    .isEqualTo(400);
        }

        @Test
        void transferEncodingWithContentLength_is400() {
            // RFC 9112 §6.1: both at once is how request smuggling starts.
            assertThat(rejected("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n")
                    .status()).isEqualTo(400);
        }

        @Test
        void transferCodingOtherThanChunked_is501() {
            HttpException e = rejected("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
            assertThat(e.status()).isEqualTo(501);
            assertThat(e.getMessage()).contains("chunked").contains("RFC 9112 §6.1");
        }
    }
}
