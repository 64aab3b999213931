package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socketlab.websocket.http.ParserFeeding.ascii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpResponseParserTest {

    /** The server handshake of RFC 6455 §1.2 / §4.2.2. */
    static final String RFC_6455_RESPONSE = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"
            + "Sec-WebSocket-Protocol: chat\r\n"
            + "\r\n";

    private static HttpResponse parse(String raw) throws HttpException {
        return new HttpResponseParser().parse(ascii(raw));
    }

    private static HttpException rejected(String raw) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(HttpException.class, () -> parse(raw));
    }

    @Nested
    class Rfc6455Example {

        @Test
        void parsesTheServerHandshakeOfRfc6455() throws Exception {
            HttpResponse response = parse(RFC_6455_RESPONSE);
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.reason()).isEqualTo("Switching Protocols");
            assertThat(response.headers().first("sec-websocket-accept")).contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
            assertThat(response.bodyLength()).isZero();
        }

        @Test
        void oneByteAtATime_givesTheSameResponse() throws Exception {
            assertThat(ParserFeeding.parseResponseByteByByte(RFC_6455_RESPONSE.getBytes(StandardCharsets.US_ASCII),
                    HttpLimits.defaults())).isEqualTo(parse(RFC_6455_RESPONSE));
        }

        @Test
        void framesRightBehindThe101_stayInTheBuffer_evenWithAContentLength() throws Exception {
            String head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nContent-Length: 3\r\n\r\n";
            ByteBuffer in = ascii(head + "\u0081\u0000");
            assertThat(new HttpResponseParser().parse(in).bodyLength()).isZero();
            assertThat(in.remaining()).as("1xx has no content (RFC 9110 §15.2)").isEqualTo(2);
        }
    }

    @Nested
    class Rfc9112Section4_StatusLine {

        @Test
        void emptyOrMissingReasonPhrase_isTolerated() throws Exception {
            assertThat(parse("HTTP/1.1 101 \r\n\r\n").reason()).isEmpty();
            assertThat(parse("HTTP/1.1 101\r\n\r\n").status()).isEqualTo(101);
        }

        @ParameterizedTest
        @ValueSource(strings = {"HTTP/1.1 1O1 x", "HTTP/1.1  101 x", "HTTP/2.0 101 x", "HTTP/1.1 099 x", "ICY 200 OK",
                "HTTP/1.1 1010 x", "garbage"})
        void malformedStatusLine_is502(String line) {
            HttpException e = rejected(line + "\r\n\r\n");
            assertThat(e).isNotNull();
            assertThat(e.status()).isEqualTo(502);
        }

        @Test
        void overlongStatusLineAndHeaders_are502() {
            HttpLimits small = HttpLimits.defaults().withMaxRequestLineLength(20).withMaxHeaderBytes(20);
            assertThatThrownBy(() -> new HttpResponseParser(small).parse(ascii("HTTP/1.1 200 " + "x".repeat(20))))
                    .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(502));
            assertThatThrownBy(() -> new HttpResponseParser(small).parse(ascii("HTTP/1.1 200 OK\r\nX: " + "y".repeat(30))))
                    .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(502));
        }
    }

    @Nested
    class Rfc9112Section6_3_Body {

        @Test
        void errorResponseWithSmallBody_isReadWhole() throws Exception {
            HttpResponse response = parse("HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\n\r\nno, sorry");
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.bodyText()).isEqualTo("no, sorry");
        }

        @Test
        void contentLengthWithLeadingZero_isRead() throws Exception {
            // Found by Jazzer (corpus: content-length-with-leading-zero).
            assertThat(parse("HTTP/1.1 403 Forbidden\r\nContent-Length: 07\r\n\r\nno, nay").bodyText()).isEqualTo("no, nay");
        }

        @Test
        void bodyOverTheLimit_isNotRead() throws Exception {
            ByteBuffer in = ascii("HTTP/1.1 403 Forbidden\r\nContent-Length: 9\r\n\r\nno, sorry");
            HttpResponse response = new HttpResponseParser(HttpLimits.defaults().withMaxBodyBytes(4)).parse(in);
            assertThat(response.bodyLength()).isZero();
            assertThat(in.remaining()).isEqualTo(9);
        }

        @Test
        void noContentLength_noBodyRead() throws Exception {
            ByteBuffer in = ascii("HTTP/1.1 400 Bad Request\r\n\r\nrest");
            assertThat(new HttpResponseParser().parse(in).bodyLength()).isZero();
            assertThat(in.remaining()).isEqualTo(4);
        }

        @Test
        void chunkedResponseBody_isNotRead() throws Exception {
            ByteBuffer in = ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
            HttpResponse response = new HttpResponseParser().parse(in);
            assertThat(response.bodyLength()).isZero();
            assertThat(in.remaining()).isEqualTo("3\r\nabc\r\n0\r\n\r\n".length());
        }

        @Test
        void noContentAndNotModified_haveNoBody() throws Exception {
            ByteBuffer in = ascii("HTTP/1.1 204 No Content\r\nContent-Length: 2\r\n\r\nHTTP/1.1 304 Not Modified\r\n"
                    + "Content-Length: 5\r\n\r\n");
            HttpResponseParser parser = new HttpResponseParser();
            assertThat(parser.parse(in).bodyLength()).isZero();
            assertThat(parser.parse(in).status()).isEqualTo(304);
        }

        @Test
        void invalidContentLength_is502() {
            assertThat(rejected("HTTP/1.1 400 Bad Request\r\nContent-Length: x\r\n\r\n").status()).isEqualTo(502);
        }
    }
}
