package org.socketlab.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.ProtocolException;

class MessageAssemblerTest {

    @Test
    void singleFrameBinaryNotSharingInput_isHandedOverWithoutCopy() throws ProtocolException {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {1, 2, 3});
        ProtocolEvent event = new MessageAssembler(100).accept(Frame.binary(payload), false);
        assertThat(((ProtocolEvent.BinaryMessage) event).data()).isSameAs(payload);
    }

    @Test
    void singleFrameBinarySharingInput_isCopiedOnce() throws ProtocolException {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {1, 2, 3});
        ProtocolEvent event = new MessageAssembler(100).accept(Frame.binary(payload), true);
        ByteBuffer data = ((ProtocolEvent.BinaryMessage) event).data();
        assertThat(data).isNotSameAs(payload).isEqualTo(payload);
        assertThat(data.array()).isNotSameAs(payload.array());
    }

    @Test
    void manySmallFragments_growOneBufferUpToTheLimit() throws ProtocolException {
        MessageAssembler assembler = new MessageAssembler(100_000);
        byte[] chunk = new byte[1000];
        assertThat(assembler.accept(Frame.of(Opcode.BINARY, ByteBuffer.wrap(chunk), false), false)).isNull();
        for (int i = 1; i < 99; i++) {
            assertThat(assembler.accept(Frame.continuation(ByteBuffer.wrap(chunk), false), true)).isNull();
        }
        ProtocolEvent event = assembler.accept(Frame.continuation(ByteBuffer.wrap(chunk), true), true);
        ByteBuffer data = ((ProtocolEvent.BinaryMessage) event).data();
        assertThat(data.remaining()).isEqualTo(100_000);
        assertThat(data.capacity()).as("never more than the limit").isLessThanOrEqualTo(100_000);
        assertThat(assembler.isMessageOpen()).isFalse();
    }

    @Test
    void oneByteOverTheLimit_is1009() {
        MessageAssembler assembler = new MessageAssembler(10);
        ProtocolException error = catchThrowableOfType(ProtocolException.class,
                () -> assembler.accept(Frame.binary(ByteBuffer.allocate(11)), false));
        assertThat(error.closeCode().code()).isEqualTo(1009);
        assertThat(error).hasMessage("message is at least 11 bytes; the limit is 10 (RFC 6455 §10.4)");
    }

    @Test
    void partialInspection_isNotValidatedTwice() throws ProtocolException {
        MessageAssembler assembler = new MessageAssembler(100);
        byte[] euro = "a€b".getBytes(StandardCharsets.UTF_8); // 61 e2 82 ac 62
        assembler.inspectPartial(Opcode.TEXT, ByteBuffer.wrap(euro, 0, 2)); // "a" + first byte of €
        ProtocolEvent event = assembler.accept(Frame.of(Opcode.TEXT, ByteBuffer.wrap(euro), true), true);
        assertThat(event).isEqualTo(new ProtocolEvent.TextMessage("a€b"));
    }
}
