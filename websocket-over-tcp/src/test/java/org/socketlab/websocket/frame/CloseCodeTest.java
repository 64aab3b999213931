package org.socketlab.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CloseCodeTest {

    @Test
    void isValidOnWire_followsRfc6455Section7_4() {
        for (int code = 0; code <= 6000; code++) {
            boolean expected = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
                    || (code >= 3000 && code <= 4999);
            assertThat(CloseCode.isValidOnWire(code)).as("code %d", code).isEqualTo(expected);
        }
    }

    @Test
    void of_returnsTheSharedConstants() {
        assertThat(CloseCode.of(1002)).isSameAs(CloseCode.PROTOCOL_ERROR);
        assertThat(CloseCode.of(4000)).isEqualTo(new CloseCode(4000));
        assertThat(CloseCode.MESSAGE_TOO_BIG.description()).isEqualTo("message too big");
        assertThat(CloseCode.of(4001).description()).isEqualTo("private use by an application");
        assertThat(CloseCode.ABNORMAL_CLOSURE.toString()).isEqualTo("1006 (abnormal closure)");
    }

    @Test
    void codesOutside16Bits_areRejected() {
        assertThatThrownBy(() -> CloseCode.of(70000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opcodes_haveTheirWireValues() throws WebSocketProtocolException {
        assertThat(Opcode.fromCode(0xA)).isEqualTo(Opcode.PONG);
        assertThat(Opcode.CLOSE.isControl()).isTrue();
        assertThat(Opcode.CONTINUATION.isControl()).isFalse();
        assertThatThrownBy(() -> Opcode.fromCode(0xB)).isInstanceOf(WebSocketProtocolException.class)
                .hasMessage("opcode 0xB is reserved (RFC 6455 §5.2)");
    }
}
