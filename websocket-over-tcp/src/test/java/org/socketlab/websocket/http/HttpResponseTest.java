package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseTest {

    @Test
    void ofWritesStatusLineAndBlankLine() {
        HttpResponse response = HttpResponse.of(101, "Switching Protocols");
        response.headers().add("Upgrade", "websocket");
        assertThat(new String(response.toBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
    }

    @Test
    void textSetsContentTypeAndContentLengthInBytes() {
        HttpResponse response = HttpResponse.text(200, "héllo");
        assertThat(new String(response.toBytes(), StandardCharsets.UTF_8)).isEqualTo("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 6\r\n\r\nhéllo");
        assertThat(response.bodyText()).isEqualTo("héllo");
    }

    @Test
    void headBytesStopBeforeTheBody() {
        HttpResponse response = HttpResponse.text(200, "x");
        assertThat(new String(response.headBytes(), StandardCharsets.US_ASCII)).endsWith("Content-Length: 1\r\n\r\n");
    }

    @Test
    void unframedBodyIsRefused() {
        assertThatThrownBy(() -> new HttpResponse(200, "OK", new HttpHeaders(), new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 9112 §6.3");
        assertThatThrownBy(() -> new HttpResponse(200, "OK", HttpHeaders.of("Transfer-Encoding", "chunked"), new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunks");
    }

    @Test
    void declaredLengthWithoutBody_isAllowed_likeAnswerToHead() {
        assertThat(new HttpResponse(200, "OK", HttpHeaders.of("Content-Length", "10"), null).bodyLength()).isZero();
    }

    @Test
    void statusAndReasonAreChecked() {
        assertThatThrownBy(() -> HttpResponse.of(99, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponse.of(200, "O\r\nK")).isInstanceOf(IllegalArgumentException.class);
        assertThat(HttpResponse.of(299).reason()).isEqualTo("Unknown");
        assertThat(HttpResponse.of(431).reason()).isEqualTo("Request Header Fields Too Large");
    }
}
