package org.socketlab.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.Role;
import org.socketlab.websocket.protocol.ProtocolEvent.BinaryMessage;
import org.socketlab.websocket.protocol.ProtocolEvent.PingReceived;
import org.socketlab.websocket.protocol.ProtocolEvent.TextMessage;

/**
 * One protocol object sends random messages, cut into random fragments with pings in between;
 * the bytes reach a second protocol object split at random points. The second one must report
 * exactly the messages and pings sent, in order. jqwik prints the seed of a failing try.
 */
class MessageRoundTripPropertiesTest {

    record Message(boolean text, String string, byte[] bytes) {
        ProtocolEvent expected() {
            return text ? new TextMessage(string) : new BinaryMessage(ByteBuffer.wrap(bytes));
        }
    }

    @Property(tries = 200)
    void messagesSurviveFragmentationAndArbitraryReads(@ForAll("messages") List<Message> messages,
                                                       @ForAll("roles") Role senderRole,
                                                       @ForAll long shapeSeed) {
        Random shape = new Random(shapeSeed);
        WebSocketProtocol sender = new WebSocketProtocol(senderRole, ProtocolConfig.defaults(), MaskKeySource.secureRandom(), 0);
        List<ProtocolEvent> expected = new ArrayList<>();
        for (Message message : messages) {
            sendFragmented(sender, message, shape, expected);
            expected.add(message.expected());
        }
        ByteBuffer wire = concat(sender.pollOutgoing());

        WebSocketProtocol receiver = new WebSocketProtocol(senderRole.peer(), ProtocolConfig.defaults(),
                MaskKeySource.secureRandom(), 0);
        while (wire.hasRemaining()) {
            int chunk = Math.min(wire.remaining(), 1 + shape.nextInt(shape.nextBoolean() ? 7 : 5000));
            receiver.receive(wire.slice(wire.position(), chunk), 0);
            wire.position(wire.position() + chunk);
        }
        assertThat(receiver.pollEvents()).isEqualTo(expected);
        assertThat(receiver.state()).isEqualTo(State.OPEN);
        assertThat(receiver.pollOutgoing()).hasSize((int) expected.stream().filter(PingReceived.class::isInstance).count());
    }

    private static void sendFragmented(WebSocketProtocol sender, Message message, Random shape, List<ProtocolEvent> expected) {
        byte[] payload = message.text() ? message.string().getBytes(StandardCharsets.UTF_8) : message.bytes();
        if (shape.nextInt(3) == 0) {
            if (message.text()) {
                sender.sendText(message.string());
            } else {
                sender.sendBinary(ByteBuffer.wrap(payload));
            }
            return;
        }
        int offset = 0;
        Opcode opcode = message.text() ? Opcode.TEXT : Opcode.BINARY;
        do {
            int size = Math.min(payload.length - offset, shape.nextInt(payload.length / 2 + 2));
            boolean fin = offset + size == payload.length;
            sender.sendFragment(opcode, ByteBuffer.wrap(payload, offset, size), fin);
            offset += size;
            opcode = Opcode.CONTINUATION;
            if (!fin && shape.nextInt(4) == 0) {
                byte[] ping = new byte[shape.nextInt(126)];
                shape.nextBytes(ping);
                sender.sendPing(ByteBuffer.wrap(ping));
                expected.add(new PingReceived(ByteBuffer.wrap(ping)));
            }
        } while (offset < payload.length);
    }

    private static ByteBuffer concat(List<ByteBuffer> buffers) {
        ByteBuffer all = ByteBuffer.allocate(buffers.stream().mapToInt(ByteBuffer::remaining).sum());
        buffers.forEach(all::put);
        return all.flip();
    }

    @Provide
    Arbitrary<Role> roles() {
        return Arbitraries.of(Role.class);
    }

    @Provide
    Arbitrary<List<Message>> messages() {
        Arbitrary<Message> text = Arbitraries.strings().ofMaxLength(300)
                .map(s -> new Message(true, new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), null));
        Arbitrary<Message> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000)
                .map(b -> new Message(false, null, b));
        return Arbitraries.oneOf(text, binary).list().ofMinSize(1).ofMaxSize(5);
    }
}
