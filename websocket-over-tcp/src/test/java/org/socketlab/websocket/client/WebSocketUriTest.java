package org.socketlab.websocket.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** RFC 6455 §3 URIs and the §4.1 Host header. */
class WebSocketUriTest {

    @Test
    void ws_defaultsToPort80_withoutPortInHost() {
        WebSocketUri uri = WebSocketUri.parse(URI.create("ws://example.com/chat?room=1"));
        assertThat(uri).isEqualTo(new WebSocketUri(false, "example.com", 80, "example.com", "/chat?room=1"));
    }

    @Test
    void wss_defaultsToPort443() {
        assertThat(WebSocketUri.parse(URI.create("wss://example.com")).port()).isEqualTo(443);
        assertThat(WebSocketUri.parse(URI.create("wss://example.com")).resourceName()).isEqualTo("/");
    }

    @Test
    void explicitPort_appearsInHost() {
        assertThat(WebSocketUri.parse(URI.create("ws://127.0.0.1:9001/")).hostHeader()).isEqualTo("127.0.0.1:9001");
    }

    @Test
    void ipv6Literal_keepsBracketsInHostOnly() {
        WebSocketUri uri = WebSocketUri.parse(URI.create("ws://[::1]:9001/x"));
        assertThat(uri.host()).isEqualTo("::1");
        assertThat(uri.hostHeader()).isEqualTo("[::1]:9001");
    }

    @Test
    void otherSchemesAndFragments_areRefused() {
        assertThatThrownBy(() -> WebSocketUri.parse(URI.create("http://example.com/")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"http\"");
        assertThatThrownBy(() -> WebSocketUri.parse(URI.create("ws://example.com/#top")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fragment");
    }
}
