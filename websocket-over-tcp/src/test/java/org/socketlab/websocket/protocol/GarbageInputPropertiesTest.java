package org.socketlab.websocket.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;

/**
 * Hostile input, cheaply fuzzed: whatever bytes arrive, the decoder either returns frames or
 * throws {@link WebSocketProtocolException}, and the protocol never throws at all — it ends OPEN, or
 * CLOSED with exactly one Closed event. jqwik prints the seed of a failing try.
 */
class GarbageInputPropertiesTest {

    @Property(tries = 1000)
    void decoderOnlyEverThrowsProtocolException(@ForAll("garbage") byte[] bytes, @ForAll("roles") Role role,
                                                @ForAll long splitSeed) {
        FrameDecoder decoder = new FrameDecoder(role, 4096, 0);
        Random split = new Random(splitSeed);
        try {
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(bytes.length - at, 1 + split.nextInt(16));
                ByteBuffer in = ByteBuffer.wrap(bytes, at, n);
                while (decoder.decode(in) != null) {
                    // keep decoding
                }
                assertThat(in.hasRemaining()).isFalse();
                at += n;
            }
        } catch (WebSocketProtocolException expected) {
            assertThat(expected.closeCode().isValidOnWire()).isTrue();
        }
    }

    @Property(tries = 1000)
    void protocolNeverThrowsOnPeerInput(@ForAll("garbage") byte[] bytes, @ForAll("roles") Role role,
                                        @ForAll long splitSeed) {
        WebSocketProtocol protocol = new WebSocketProtocol(role, ProtocolConfig.defaults().withMaxFramePayload(4096)
                .withMaxMessageSize(8192), MaskKeySource.secureRandom(), 0);
        Random split = new Random(splitSeed);
        for (int at = 0; at < bytes.length; ) {
            int n = Math.min(bytes.length - at, 1 + split.nextInt(16));
            protocol.receive(ByteBuffer.wrap(bytes, at, n), at);
            protocol.pollEvents();
            protocol.tick(at);
            at += n;
        }
        protocol.receiveEof(bytes.length);
        List<ProtocolEvent> events = protocol.pollEvents();
        assertThat(protocol.state()).isEqualTo(State.CLOSED);
        assertThat(protocol.shouldCloseTransport()).isTrue();
        assertThat(events.stream().filter(ProtocolEvent.Closed.class::isInstance).count()).isLessThanOrEqualTo(1);
    }

    @Provide
    Arbitrary<Role> roles() {
        return Arbitraries.of(Role.class);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        // Mostly plausible first bytes (FIN + known opcodes, mask bit right or wrong), then noise.
        Arbitrary<Byte> headerish = Arbitraries.of((byte) 0x81, (byte) 0x82, (byte) 0x01, (byte) 0x80, (byte) 0x88,
                (byte) 0x89, (byte) 0x8a, (byte) 0x80, (byte) 0x85, (byte) 0xfe, (byte) 0x7e, (byte) 0x7f, (byte) 0x00);
        return Arbitraries.oneOf(headerish, Arbitraries.bytes()).array(byte[].class).ofMaxSize(200);
    }
}
