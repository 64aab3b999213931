package org.socketlab.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class CloseStatusTest {

    @Test
    void emptyPayload_meansNoStatus1005() throws WebSocketProtocolException {
        assertThat(CloseStatus.parse(ByteBuffer.allocate(0))).isEqualTo(CloseStatus.NO_STATUS);
        assertThat(CloseStatus.NO_STATUS.code()).isEqualTo(1005);
    }

    @Test
    void codeAndReason_roundTripThroughFrameClose() throws WebSocketProtocolException {
        Frame frame = Frame.close(CloseCode.of(4321), "ciao ✓");
        assertThat(CloseStatus.parse(frame.payload())).isEqualTo(new CloseStatus(CloseCode.of(4321), "ciao ✓"));
        assertThat(frame.payload().position()).as("parse leaves the position alone").isZero();
    }

    @Test
    void maximalReasonOf123Bytes_isAccepted() throws WebSocketProtocolException {
        Frame frame = Frame.close(CloseCode.NORMAL_CLOSURE, "r".repeat(123));
        assertThat(frame.payloadLength()).isEqualTo(125);
        assertThat(CloseStatus.parse(frame.payload()).reason()).hasSize(123);
    }

    @Test
    void invalidUtf8Reason_is1007_notTheCodes1002() {
        ByteBuffer payload = ByteBuffer.wrap(Hex.bytes("03 e8 c0 af"));
        WebSocketProtocolException error = catchThrowableOfType(WebSocketProtocolException.class, () -> CloseStatus.parse(payload));
        assertThat(error.closeCode()).isEqualTo(CloseCode.INVALID_PAYLOAD);
    }

    @Test
    void truncatedUtf8AtTheEndOfTheReason_is1007() {
        ByteBuffer payload = ByteBuffer.wrap(Hex.bytes("03 e8 41 e2 82"));
        WebSocketProtocolException error = catchThrowableOfType(WebSocketProtocolException.class, () -> CloseStatus.parse(payload));
        assertThat(error.closeCode().code()).isEqualTo(1007);
    }
}
