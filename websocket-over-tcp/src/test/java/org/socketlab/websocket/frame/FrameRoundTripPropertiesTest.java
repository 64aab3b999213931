package org.socketlab.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Encode random frames, cut the byte stream at random points, decode: the frames come back
 * identical. jqwik prints the seed of a failing run and replays it (see .jqwik-database).
 */
class FrameRoundTripPropertiesTest {

    @Property(tries = 300)
    void framesSurviveEncodeThenDecodeAtAnySplit(@ForAll("frames") List<Frame> frames, @ForAll("roles") Role sender,
                                                 @ForAll("cuts") List<Integer> cuts) throws WebSocketProtocolException {
        FrameEncoder encoder = new FrameEncoder(sender, MaskKeySource.secureRandom());
        ByteBuffer wire = ByteBuffer.allocate(frames.stream().mapToInt(encoder::encodedLength).sum());
        for (Frame frame : frames) {
            encoder.encode(frame, wire);
        }
        wire.flip();

        FrameDecoder decoder = new FrameDecoder(sender.peer(), 1 << 20, 0);
        List<Frame> decoded = new ArrayList<>();
        int from = 0;
        List<Integer> points = new ArrayList<>(cuts.stream().map(c -> c % (wire.limit() + 1)).sorted().toList());
        points.add(wire.limit());
        for (int to : points) {
            ByteBuffer chunk = wire.slice(from, to - from);
            Frame frame;
            while ((frame = decoder.decode(chunk)) != null) {
                decoded.add(FrameDecoderTest.copyOf(frame));
            }
            from = to;
        }
        assertThat(decoded).isEqualTo(frames);
        assertThat(decoder.isAtFrameBoundary()).isTrue();
    }

    @Provide
    Arbitrary<Role> roles() {
        return Arbitraries.of(Role.class);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Frame>> frames() {
        // Weighted towards each length form: 7-bit, 16-bit and 64-bit, and the 65535/65536 edge.
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 125)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(126, 70_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(125, 126, 65535, 65536)));
        Arbitrary<Frame> data = Combinators.combine(
                Arbitraries.of(Opcode.TEXT, Opcode.BINARY, Opcode.CONTINUATION), Arbitraries.of(true, false), sizes,
                Arbitraries.longs())
                .as((opcode, fin, size, seed) -> Frame.of(opcode, randomBytes(size, seed), fin));
        Arbitrary<Frame> control = Combinators.combine(
                Arbitraries.of(Opcode.PING, Opcode.PONG), Arbitraries.integers().between(0, 125), Arbitraries.longs())
                .as((opcode, size, seed) -> Frame.of(opcode, randomBytes(size, seed), true));
        return Arbitraries.oneOf(data, data, control).list().ofMinSize(1).ofMaxSize(6);
    }

    private static ByteBuffer randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }
}
