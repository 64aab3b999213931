package org.socketlab.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProtocolConfigTest {

    @Test
    void defaults_matchTheContract() {
        ProtocolConfig config = ProtocolConfig.defaults();
        assertThat(config.maxFramePayload()).isEqualTo(1 << 20);
        assertThat(config.maxMessageSize()).isEqualTo(1 << 20);
        assertThat(config.pingInterval()).isEqualTo(Duration.ZERO);
        assertThat(config.pongTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ZERO);
        assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.autoPong()).isTrue();
        assertThat(config.frameTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theSevenComponentConstructor_getsTheDefaultFrameTimeout() {
        ProtocolConfig config = new ProtocolConfig(1 << 20, 1 << 20, Duration.ZERO, Duration.ofSeconds(10), Duration.ZERO,
                Duration.ofSeconds(5), true);
        assertThat(config).isEqualTo(ProtocolConfig.defaults());
        assertThat(config.withFrameTimeout(Duration.ofSeconds(3)).frameTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void withers_changeOneComponent() {
        ProtocolConfig config = ProtocolConfig.defaults().withMaxMessageSize(16 << 20).withMaxFramePayload(16 << 20)
                .withPingInterval(Duration.ofSeconds(30)).withAutoPong(false);
        assertThat(config.maxMessageSize()).isEqualTo(16 << 20);
        assertThat(config.maxFramePayload()).isEqualTo(16 << 20);
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.autoPong()).isFalse();
        assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void unsafeValues_areTheCallersFault() {
        assertThatThrownBy(() -> ProtocolConfig.defaults().withMaxFramePayload(124))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("124");
        assertThatThrownBy(() -> ProtocolConfig.defaults().withMaxFramePayload(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtocolConfig.defaults().withMaxMessageSize(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtocolConfig.defaults().withPingInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pingInterval");
        assertThatThrownBy(() -> ProtocolConfig.defaults().withFrameTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frameTimeout");
    }
}
