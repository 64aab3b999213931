package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.socketlab.websocket.protocol.ProtocolConfig;
import org.socketlab.websocket.testing.TestEchoHandler;

/** Safe defaults, and a clear error for every value that makes no sense. */
class ServerConfigTest {

    @Test
    void defaults_areTheDocumentedOnes() {
        ServerConfig defaults = ServerConfig.defaults();
        assertThat(defaults.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.maxConnections()).isEqualTo(10_000);
        assertThat(defaults.maxBufferedBytes()).isEqualTo(4L << 20);
        assertThat(defaults.sendTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.protocol()).isEqualTo(ProtocolConfig.defaults());
    }

    @Test
    void withers_changeOneValue() {
        ServerConfig changed = ServerConfig.defaults().withMaxConnections(5).withMaxBufferedBytes(1024);
        assertThat(changed.maxConnections()).isEqualTo(5);
        assertThat(changed.maxBufferedBytes()).isEqualTo(1024);
        assertThat(changed.handshakeTimeout()).isEqualTo(ServerConfig.defaults().handshakeTimeout());
    }

    @Test
    void nonsensicalValues_areRefusedQuotingTheValue() {
        assertThatThrownBy(() -> ServerConfig.defaults().withMaxConnections(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConnections is 0");
        assertThatThrownBy(() -> ServerConfig.defaults().withHandshakeTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("handshakeTimeout is PT0S");
        assertThatThrownBy(() -> ServerConfig.defaults().withMaxBufferedBytes(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    @Test
    void endpointPaths_mustBeAbsoluteAndWithoutQuery() {
        assertThatThrownBy(() -> Endpoint.at("chat", new TestEchoHandler()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"chat\"");
        assertThatThrownBy(() -> Endpoint.at("/chat?x=1", new TestEchoHandler()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
    }

    @Test
    void builder_refusesDuplicateEndpointsAndAServerWithoutAny() {
        WebSocketServer.Builder builder = WebSocketServer.builder().endpoint("/a", new TestEchoHandler());
        assertThatThrownBy(() -> builder.endpoint("/a", new TestEchoHandler()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/a");
        assertThatThrownBy(() -> WebSocketServer.builder().start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("endpoint");
    }
}
