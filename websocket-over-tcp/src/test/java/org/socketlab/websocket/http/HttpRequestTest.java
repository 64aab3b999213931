package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpRequestTest {

    private static HttpRequest get(String target) {
        return new HttpRequest("GET", target, "HTTP/1.1", HttpHeaders.of("Host", "a"));
    }

    @Nested
    class Rfc9112Section3_2_RequestTarget {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "/chat?room=1|/chat|room=1",
                "/chat|/chat|''",
                "/?|/|''",
                "/a/b?x=1?y|/a/b|x=1?y",
                "http://example.com|/|''",
                "http://example.com?q|/|q",
                "https://example.com:8443/ws/chat?a=b|/ws/chat|a=b"})
        void pathAndQuery(String target, String path, String query) {
            assertThat(get(target).path()).isEqualTo(path);
            assertThat(get(target).query()).isEqualTo(query);
        }

        @Test
        void queryParametersAreDecodedInOrder() {
            HttpRequest request = get("/poll?sid=a%2Fb&name=J%C3%BCrgen+K&flag&sid=2&&empty=");
            assertThat(request.queryParameters()).containsExactly(
                    java.util.Map.entry("sid", List.of("a/b", "2")),
                    java.util.Map.entry("name", List.of("Jürgen K")),
                    java.util.Map.entry("flag", List.of("")),
                    java.util.Map.entry("empty", List.of("")));
        }

        @Test
        void noQuery_meansNoParameters() {
            assertThat(get("/x").queryParameters()).isEmpty();
        }
    }

    @Nested
    class Writing {

        @Test
        void toBytesWritesRequestLineHeadersAndBlankLine() {
            HttpRequest request = new HttpRequest("GET", "/chat", "HTTP/1.1", HttpHeaders.of("Host", "a", "X", "1"));
            assertThat(new String(request.toBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("GET /chat HTTP/1.1\r\nHost: a\r\nX: 1\r\n\r\n");
        }

        @Test
        void bodyNeedsAMatchingContentLength() {
            byte[] body = "hi".getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> new HttpRequest("POST", "/", "HTTP/1.1", HttpHeaders.of("Host", "a"), body))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Content-Length");
            HttpRequest request = new HttpRequest("POST", "/", "HTTP/1.1",
                    HttpHeaders.of("Host", "a", "Content-Length", "2"), body);
            assertThat(new String(request.toBytes(), StandardCharsets.US_ASCII)).endsWith("\r\n\r\nhi");
        }

        @Test
        void bodyIsCopiedInAndOut() {
            byte[] body = {1, 2};
            HttpRequest request = new HttpRequest("POST", "/", "HTTP/1.1", HttpHeaders.of("Content-Length", "2"), body);
            body[0] = 9;
            request.body()[1] = 9;
            assertThat(request.body()).containsExactly(1, 2);
        }

        @Test
        void invalidPartsAreTheCallersFault() {
            HttpHeaders headers = new HttpHeaders();
            assertThatThrownBy(() -> new HttpRequest("G T", "/", "HTTP/1.1", headers)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new HttpRequest("GET", "/a b", "HTTP/1.1", headers)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new HttpRequest("GET", "/", "HTTP/1", headers)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
