package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;

class SockJsHeadersTest {

    private static HttpRequest request(String... headers) {
        return new HttpRequest("POST", "/echo/0/s/xhr", "HTTP/1.1", HttpHeaders.of(headers));
    }

    @Test
    void jsessionid_echoesAWellFormedValue_andNeverAHeaderSplittingOne() {
        assertThat(SockJsHeaders.cookie(request("Cookie", "a=b; JSESSIONID=abc123"), new HttpHeaders(), true)
                .first("Set-Cookie")).contains("JSESSIONID=abc123; path=/");
        assertThat(SockJsHeaders.cookie(request("Cookie", "JSESSIONID=\"x\\\"; Secure"), new HttpHeaders(), true)
                .first("Set-Cookie")).contains("JSESSIONID=dummy; path=/");
        assertThat(SockJsHeaders.cookie(request(), new HttpHeaders(), false).contains("Set-Cookie")).isFalse();
    }

    @Test
    void cors_echoesARealOrigin_butNotTheOpaqueNull_andAlwaysAllowsCredentials() {
        HttpHeaders echoed = SockJsHeaders.cors(request("Origin", "https://a.example"), new HttpHeaders());
        assertThat(echoed.first("Access-Control-Allow-Origin")).contains("https://a.example");
        assertThat(echoed.first("Access-Control-Allow-Credentials")).contains("true");
        // sockjs-protocol-0.3.3 verify_cors: "*" for null and for no Origin, credentials "true" in every case
        for (HttpRequest anonymous : new HttpRequest[] {request("Origin", "null"), request()}) {
            HttpHeaders opaque = SockJsHeaders.cors(anonymous, new HttpHeaders());
            assertThat(opaque.first("Access-Control-Allow-Origin")).contains("*");
            assertThat(opaque.first("Access-Control-Allow-Credentials")).contains("true");
        }
    }

    @Test
    void preflight_isCachedForAYear_withAnImfFixdateExpiry() {
        HttpHeaders headers = SockJsHeaders.preflight(request(), "OPTIONS, POST", Instant.parse("2026-01-05T08:09:10Z"));
        assertThat(headers.first("Cache-Control")).contains("public, max-age=31536000");
        assertThat(headers.first("Expires")).contains("Tue, 05 Jan 2027 08:09:10 GMT");
        assertThat(headers.first("Access-Control-Max-Age")).contains("31536000");
        assertThat(headers.first("Access-Control-Allow-Methods")).contains("OPTIONS, POST");
    }
}
