package org.socketlab.websocket.frame;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Set;
import org.socketlab.websocket.testing.Allocations;
import org.socketlab.websocket.testing.FuzzReads;

/**
 * Coverage-guided fuzzing of {@link FrameDecoder} (RFC 6455 §5.2), both roles, any read sizes.
 * A normal build replays the corpus in src/test/resources/.../FrameDecoderFuzzTestInputs/decoder;
 * {@code JAZZER_FUZZ=1} fuzzes (see the README's reliability section for the command).
 *
 * <p>Properties checked for every input, beyond "does not crash":
 * <ul>
 *   <li>the only exception is {@link WebSocketProtocolException}, with a close code from
 *       {1002, 1007, 1009} — the codes a decoder may fail with;</li>
 *   <li>every read is consumed whole (a resumable parser never strands bytes);</li>
 *   <li>no returned frame exceeds the limit or breaks §5.5 (control frames) or §5.2 (RSV bits);</li>
 *   <li>one {@code decode} call allocates at most the frame limit plus a small constant, whatever
 *       length a header declares (2^63-1 included): the payload buffer is sized by a checked length.</li>
 * </ul>
 * The first input byte chooses the role and how the rest is cut into reads.
 */
class FrameDecoderFuzzTest {

    static final int FRAME_LIMIT = 4096;
    /** Frame record, buffer views, the exception and its formatted message; generous on purpose. */
    static final long ALLOCATION_SLACK = 16 * 1024;
    static final Set<Integer> DECODER_CLOSE_CODES = Set.of(1002, 1007, 1009);

    @FuzzTest(maxDuration = "60s")
    void decoder(byte[] input) {
        FuzzReads.coldThenWarm(input, FrameDecoderFuzzTest::run);
    }

    /** Runs the input; true when some call exceeded the allocation bound (throws if strict). */
    private static boolean run(FuzzReads reads, boolean strict) {
        boolean exceeded = false;
        FrameDecoder decoder = new FrameDecoder(reads.role(), FRAME_LIMIT, 0);
        for (ByteBuffer in : reads) {
            while (true) {
                long before = Allocations.current();
                Frame frame;
                try {
                    frame = decoder.decode(in);
                } catch (WebSocketProtocolException expected) {
                    checkCloseCode(expected);
                    return exceeded | overBound(before, strict);
                }
                exceeded |= overBound(before, strict);
                if (frame == null) {
                    break;
                }
                check(frame);
            }
            if (in.hasRemaining()) {
                throw new AssertionError("decoder left " + in.remaining() + " bytes unconsumed");
            }
        }
        return exceeded;
    }

    private static void checkCloseCode(WebSocketProtocolException expected) {
        if (!DECODER_CLOSE_CODES.contains(expected.closeCode().code())) {
            throw new AssertionError("decoder failed with close code " + expected.closeCode()
                    + "; expected one of " + DECODER_CLOSE_CODES, expected);
        }
    }

    private static boolean overBound(long before, boolean strict) {
        long allocated = Allocations.current() - before;
        if (allocated <= FRAME_LIMIT + ALLOCATION_SLACK) {
            return false;
        }
        if (strict) {
            throw new AssertionError("one decode() call allocated " + allocated + " bytes; the frame limit is "
                    + FRAME_LIMIT + " (+" + ALLOCATION_SLACK + " slack)");
        }
        return true;
    }

    private static void check(Frame frame) {
        if (frame.payloadLength() > FRAME_LIMIT) {
            throw new AssertionError("frame over the limit returned: " + frame);
        }
        if (frame.opcode().isControl() && (!frame.fin() || frame.payloadLength() > 125)) {
            throw new AssertionError("invalid control frame returned (RFC 6455 §5.5): " + frame);
        }
        if (frame.rsv1() || frame.rsv2() || frame.rsv3()) {
            throw new AssertionError("RSV bit returned without an extension (RFC 6455 §5.2): " + frame);
        }
        if (frame.opcode() == Opcode.CLOSE) {
            int length = frame.payloadLength();
            if (length == 1) {
                throw new AssertionError("a close frame with a 1-byte payload was accepted (RFC 6455 §5.5.1)");
            }
            if (length >= 2) {
                int code = frame.payload().getShort(frame.payload().position()) & 0xFFFF;
                if (!CloseCode.isValidOnWire(code)) {
                    throw new AssertionError("close code " + code + " was accepted; it may not appear on the wire (§7.4)");
                }
            }
        }
    }
}
