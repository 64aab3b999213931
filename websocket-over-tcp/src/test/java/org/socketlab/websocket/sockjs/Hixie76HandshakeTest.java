package org.socketlab.websocket.sockjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.socketlab.websocket.handshake.HandshakeException;
import org.socketlab.websocket.http.HttpHeaders;
import org.socketlab.websocket.http.HttpRequest;

/** The hixie-76 opening handshake (draft-76 §5.2), with the SockJS suite's test_haproxy vector. */
class Hixie76HandshakeTest {

    /** sockjs-protocol-0.3.3.py WebsocketHixie76.test_haproxy: these keys and "aaaaaaaa" give these 16 bytes. */
    static final String KEY1 = "4 @1  46546xW%0l 1 5";
    static final String KEY2 = "12998 5 Y3 1  .P00";
    static final byte[] KEY3 = "aaaaaaaa".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ANSWER = {(byte) 0xca, '4', 0x00, (byte) 0xd8, (byte) 0xa5, 0x08, 'G', (byte) 0x97,
        ',', (byte) 0xd5, 'q', 'Z', (byte) 0xba, (byte) 0xbf, 'C', '{'};

    private static HttpRequest request(String key1, String key2, String version) {
        HttpHeaders headers = HttpHeaders.of("Host", "127.0.0.1:8081", "Upgrade", "WebSocket",
                "Connection", "Upgrade", "Origin", "http://127.0.0.1:8081");
        if (key1 != null) {
            headers.set("Sec-WebSocket-Key1", key1);
        }
        if (key2 != null) {
            headers.set("Sec-WebSocket-Key2", key2);
        }
        if (version != null) {
            headers.set("Sec-WebSocket-Version", version);
        }
        return new HttpRequest("GET", "/echo/000/abc/websocket?x=1", "HTTP/1.1", headers);
    }

    @Test
    void theSuitesVector_givesItsAnswer() throws Exception {
        Hixie76Handshake handshake = Hixie76Handshake.of(request(KEY1, KEY2, null));
        assertThat(handshake.challengeAnswer(KEY3)).containsExactly(ANSWER);
    }

    @Test
    void keyNumber_isDigitsDividedBySpaces() throws Exception {
        assertThat(Hixie76Handshake.keyNumber("k", KEY1)).isEqualTo(4146546015L / 5);
        assertThat(Hixie76Handshake.keyNumber("k", KEY2)).isEqualTo(1299853100L / 5);
        assertThat(Hixie76Handshake.keyNumber("k", " 4294967295")).isEqualTo(4294967295L);
    }

    @Test
    void keysWithoutSpaces_withARemainder_orOver32Bits_are400() {
        for (String bad : new String[] {"12345", "7  ", " 4294967296", ""}) {
            assertThatThrownBy(() -> Hixie76Handshake.keyNumber("Sec-WebSocket-Key1", bad)).as(bad)
                    .isInstanceOf(HandshakeException.class)
                    .satisfies(e -> assertThat(((HandshakeException) e).status()).isEqualTo(400));
        }
    }

    @Test
    void responseHead_namesOriginAndLocation_hasNoContentLength_andComesBeforeKey3() throws Exception {
        Hixie76Handshake handshake = Hixie76Handshake.of(request(KEY1, KEY2, null));
        String head = new String(handshake.responseHead(false), StandardCharsets.ISO_8859_1);
        assertThat(head).startsWith("HTTP/1.1 101 ").endsWith("\r\n\r\n")
                .contains("\r\nUpgrade: WebSocket\r\n", "\r\nConnection: Upgrade\r\n",
                        "\r\nSec-WebSocket-Origin: http://127.0.0.1:8081\r\n",
                        "\r\nSec-WebSocket-Location: ws://127.0.0.1:8081/echo/000/abc/websocket?x=1\r\n")
                .doesNotContainIgnoringCase("content-length");
        assertThat(new String(handshake.responseHead(true), StandardCharsets.ISO_8859_1))
                .contains("Sec-WebSocket-Location: wss://127.0.0.1:8081/");
    }

    @Test
    void onlyRequestsWithBothKeysAndNoVersion_areHixie76() {
        assertThat(Hixie76Handshake.isHixie76(request(KEY1, KEY2, null))).isTrue();
        assertThat(Hixie76Handshake.isHixie76(request(KEY1, KEY2, "13"))).isFalse();
        assertThat(Hixie76Handshake.isHixie76(request(KEY1, null, null))).isFalse();
        assertThat(Hixie76Handshake.isHixie76(request(null, null, null))).isFalse();
    }

    @Test
    void key3MustBeEightBytes() throws Exception {
        Hixie76Handshake handshake = Hixie76Handshake.of(request(KEY1, KEY2, null));
        assertThatThrownBy(() -> handshake.challengeAnswer(new byte[7])).isInstanceOf(IllegalArgumentException.class);
    }
}
