package org.socketlab.websocket.frame;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Issue 19: the small-frame fast path ({@code FrameDecoder.next} on a whole frame of at most 125
 * bytes in a writable heap buffer) must give exactly what the general path gives — the same
 * header fields, payload and consumed bytes, or the same error with the same close code and
 * message — for ANY two header bytes, any key, any RSV allowance and either role. The general
 * path is forced by feeding the first byte on its own.
 */
class SmallFrameFastPathPropertiesTest {

    @Property(tries = 3000)
    void fastPathAgreesWithTheGeneralPath(@ForAll @IntRange(min = 0, max = 255) int b0,
                                          @ForAll @IntRange(min = 0, max = 255) int b1,
                                          @ForAll int key,
                                          @ForAll @Size(max = 140) byte[] tail,
                                          @ForAll boolean server,
                                          @ForAll @IntRange(min = 0, max = 7) int rsvAllowance,
                                          @ForAll @IntRange(min = 0, max = 200) int limit) {
        byte[] wire = ByteBuffer.allocate(6 + tail.length).put((byte) b0).put((byte) b1).putInt(key).put(tail).array();
        Role role = server ? Role.SERVER : Role.CLIENT;
        int allowed = rsvAllowance << 4;

        List<String> whole = run(new FrameDecoder(role, limit, allowed), ByteBuffer.wrap(wire.clone()), null);
        List<String> split = run(new FrameDecoder(role, limit, allowed), ByteBuffer.wrap(wire.clone(), 0, 1),
                wire.clone());

        assertThat(whole).as("wire %s as %s, limit %d, RSV allowed 0x%02X", java.util.HexFormat.of().formatHex(wire),
                role, limit, allowed).isEqualTo(split);
    }

    /** Decodes up to the first frame (or error); with {@code rest} set, feeds byte 0 first, then the rest. */
    private static List<String> run(FrameDecoder decoder, ByteBuffer first, byte[] rest) {
        List<String> seen = new ArrayList<>();
        try {
            FrameDecoder.Step step = decoder.next(first);
            if (rest != null) {
                assertThat(step).as("one header byte completes nothing").isEqualTo(FrameDecoder.Step.NEED_MORE);
                ByteBuffer remainder = ByteBuffer.wrap(rest, 1, rest.length - 1).slice();
                step = decoder.next(remainder);
                describe(decoder, step, remainder, 1, seen);
            } else {
                describe(decoder, step, first, 0, seen);
            }
        } catch (WebSocketProtocolException e) {
            seen.add("error " + e.closeCode().code() + ": " + e.getMessage());
        }
        return seen;
    }

    private static void describe(FrameDecoder decoder, FrameDecoder.Step step, ByteBuffer in, int skew, List<String> seen) {
        seen.add(step + " consumed=" + (in.position() + skew));
        if (step == FrameDecoder.Step.FRAME || step == FrameDecoder.Step.HEADER) {
            seen.add("fin=" + decoder.fin() + " rsv=" + decoder.rsvBits() + " opcode=" + decoder.opcode()
                    + " length=" + decoder.payloadLength() + " state=" + decoder.state());
        }
        if (step == FrameDecoder.Step.FRAME) {
            byte[] payload = new byte[decoder.chunkLength()];
            decoder.chunkBuffer().get(decoder.chunkOffset(), payload);
            seen.add("payload=" + java.util.HexFormat.of().formatHex(payload));
        }
    }
}
