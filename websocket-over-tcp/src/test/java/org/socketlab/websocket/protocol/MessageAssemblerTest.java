package org.socketlab.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketProtocolException;

class MessageAssemblerTest {

    @Test
    void singleWholeBinaryFrame_isCopiedOnce_outOfTheReadBuffer() throws WebSocketProtocolException {
        ByteBuffer readBuffer = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 9});
        ProtocolEvent event = new MessageAssembler(100).wholeFrame(Opcode.BINARY, true, readBuffer, 1, 3, true);
        ByteBuffer data = ((ProtocolEvent.BinaryMessage) event).data();
        assertThat(data).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(data.array()).isNotSameAs(readBuffer.array());
    }

    @Test
    void manySmallFragments_growOneBufferUpToTheLimit() throws WebSocketProtocolException {
        MessageAssembler assembler = new MessageAssembler(100_000);
        ByteBuffer chunk = ByteBuffer.wrap(new byte[1000]);
        assertThat(assembler.wholeFrame(Opcode.BINARY, false, chunk, 0, 1000, true)).isNull();
        for (int i = 1; i < 99; i++) {
            assertThat(assembler.wholeFrame(Opcode.CONTINUATION, false, chunk, 0, 1000, true)).isNull();
        }
        ProtocolEvent event = assembler.wholeFrame(Opcode.CONTINUATION, true, chunk, 0, 1000, true);
        ByteBuffer data = ((ProtocolEvent.BinaryMessage) event).data();
        assertThat(data.remaining()).isEqualTo(100_000);
        assertThat(data.capacity()).as("never more than the limit").isLessThanOrEqualTo(100_000);
        assertThat(assembler.isMessageOpen()).isFalse();
    }

    @Test
    void oneByteOverTheLimit_is1009_atTheHeader() {
        MessageAssembler assembler = new MessageAssembler(10);
        WebSocketProtocolException error = catchThrowableOfType(WebSocketProtocolException.class,
                () -> assembler.frameStarted(Opcode.BINARY, true, 11, true));
        assertThat(error.closeCode().code()).isEqualTo(1009);
        assertThat(error).hasMessage("message is at least 11 bytes; the limit is 10 (RFC 6455 §10.4)");
    }

    @Test
    void theLimitHolds_evenWhenTheMessageIsDropped() throws WebSocketProtocolException {
        // Issue 17: while CLOSING, data is dropped (keep = false) but the size limit still applies.
        MessageAssembler assembler = new MessageAssembler(10);
        assembler.frameStarted(Opcode.BINARY, false, 6, false);
        assembler.chunk(ByteBuffer.allocate(6), 0, 6);
        assertThat(assembler.frameEnded()).isNull();
        WebSocketProtocolException error = catchThrowableOfType(WebSocketProtocolException.class,
                () -> assembler.frameStarted(Opcode.CONTINUATION, true, 5, false));
        assertThat(error.closeCode().code()).isEqualTo(1009);
    }

    @Test
    void textSplitInsideACharacter_isValidatedOnceAndDecoded() throws WebSocketProtocolException {
        MessageAssembler assembler = new MessageAssembler(100);
        ByteBuffer euro = ByteBuffer.wrap("a€b".getBytes(StandardCharsets.UTF_8)); // 61 e2 82 ac 62
        assembler.frameStarted(Opcode.TEXT, true, 5, true);
        assembler.chunk(euro, 0, 2); // "a" + first byte of €
        assembler.chunk(euro, 2, 3);
        assertThat(assembler.frameEnded()).isEqualTo(new ProtocolEvent.TextMessage("a€b"));
    }

    @Test
    void invalidUtf8_failsAtTheChunkThatHoldsTheBadByte() throws WebSocketProtocolException {
        MessageAssembler assembler = new MessageAssembler(100);
        assembler.frameStarted(Opcode.TEXT, true, 50, true);
        WebSocketProtocolException error = catchThrowableOfType(WebSocketProtocolException.class,
                () -> assembler.chunk(ByteBuffer.wrap(new byte[] {'a', (byte) 0xC0}), 0, 2));
        assertThat(error.closeCode().code()).isEqualTo(1007);
    }
}
