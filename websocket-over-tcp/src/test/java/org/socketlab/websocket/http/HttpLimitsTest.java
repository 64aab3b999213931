package org.socketlab.websocket.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpLimitsTest {

    @Test
    void defaultsAre8KiBLine_8KiBHeaders_100Lines_1MiBBody() {
        assertThat(HttpLimits.defaults()).isEqualTo(new HttpLimits(8192, 8192, 100, 1 << 20));
    }

    @Test
    void contractConstructorKeepsTheDefaultBodyLimit() {
        assertThat(new HttpLimits(100, 200, 10).maxBodyBytes()).isEqualTo(HttpLimits.DEFAULT_MAX_BODY_BYTES);
    }

    @Test
    void withersChangeOneLimit() {
        HttpLimits limits = HttpLimits.defaults().withMaxHeaderCount(5).withMaxBodyBytes(0);
        assertThat(limits).isEqualTo(new HttpLimits(8192, 8192, 5, 0));
    }

    @Test
    void nonPositiveLimitsAreTheCallersFault() {
        assertThatThrownBy(() -> new HttpLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRequestLineLength");
        assertThatThrownBy(() -> HttpLimits.defaults().withMaxHeaderBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpLimits.defaults().withMaxBodyBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroBodyLimit_refusesAnyBody_butNotAnEmptyOne() throws Exception {
        HttpLimits noBody = HttpLimits.defaults().withMaxBodyBytes(0);
        assertThat(ParserFeeding.parseWhole("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", noBody).bodyLength())
                .isZero();
        assertThat(ParserFeeding.rejected("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx", noBody).status())
                .isEqualTo(413);
    }
}
