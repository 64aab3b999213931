package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpExceptionTest {

    @Test
    void toResponse_isAShortPlainTextAnswerThatClosesTheConnection() {
        HttpException e = new HttpException(400, "Sec-WebSocket-Key must decode to 16 bytes, got 15 (RFC 6455 §4.2.1)");
        HttpResponse response = e.toResponse();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.reason()).isEqualTo("Bad Request");
        assertThat(response.headers().first("Connection")).contains("close");
        assertThat(response.headers().first("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(response.bodyText())
                .isEqualTo("400 Bad Request: the request is not a well-formed WebSocket opening handshake (RFC 6455 §4.2.1)\n");
        assertThat(response.headers().first("Content-Length"))
                .contains(String.valueOf(response.bodyText().getBytes(StandardCharsets.UTF_8).length));
    }

    @Test
    void theBodyNeverEchoesTheMessage_whichQuotesRequestInput() {
        HttpException e = new HttpException(404, "no WebSocket endpoint at /<script>alert(1)</script>");
        HttpResponse response = e.toResponse();
        assertThat(response.bodyText()).doesNotContain("<script>").doesNotContain("alert")
                .isEqualTo("404 Not Found: there is no WebSocket endpoint at this path\n");
        assertThat(new String(response.toBytes(), StandardCharsets.UTF_8)).doesNotContain("<script>");
    }

    @Test
    void aStatusWithoutAnExplanation_getsItsReasonPhrase() {
        assertThat(new HttpException(502, "the server answered \"<x>\"").toResponse().bodyText())
                .isEqualTo("502 Bad Gateway\n");
    }

    @Test
    void requiredHeadersAreCarried_405WithAllow() {
        HttpResponse response = new HttpException(405, "use GET", HttpHeaders.of("Allow", "GET")).toResponse();
        assertThat(response.headers().first("Allow")).contains("GET");
        assertThat(response.reason()).isEqualTo("Method Not Allowed");
    }

    @Test
    void a426WithUpgrade_namesUpgradeInConnection_rfc9110Section7_8() {
        HttpException e = new HttpException(426, "version", HttpHeaders.of("Sec-WebSocket-Version", "13",
                "Upgrade", "websocket"));
        HttpResponse response = e.toResponse();
        assertThat(response.headers().first("Sec-WebSocket-Version")).contains("13");
        assertThat(response.headers().containsToken("Connection", "close")).isTrue();
        assertThat(response.headers().containsToken("Connection", "Upgrade")).isTrue();
    }

    @Test
    void responseHeadersAreACopy() {
        HttpHeaders headers = HttpHeaders.of("Allow", "GET");
        HttpException e = new HttpException(405, "m", headers);
        headers.add("X", "1");
        e.responseHeaders().add("Y", "2");
        assertThat(e.responseHeaders().size()).isEqualTo(1);
        assertThat(e.status()).isEqualTo(405);
    }
}
