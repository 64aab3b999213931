package org.socketlab.websocket.testing;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.socketlab.websocket.frame.Role;

/**
 * The shared skeleton of the byte-stream fuzz harnesses ({@code FrameDecoderFuzzTest},
 * {@code ProtocolFuzzTest}): the first input byte chooses the receiving role (bit 0) and how the
 * rest is cut into reads (1–32 bytes each), so the fuzzer explores both roles and every split;
 * iterating gives the reads in order, as views of the input.
 *
 * <p>{@link #coldThenWarm} runs a harness whose allocation bound may be broken by a first run
 * (loading and, under Jazzer, instrumenting classes counts as allocation on this thread): only
 * an excess that repeats on a second, strict run is a finding.
 *
 * @param role  the role of the side that receives the input
 * @param chunk bytes per read
 * @param input the whole fuzzer input; the reads start at index 1
 */
public record FuzzReads(Role role, int chunk, byte[] input) implements Iterable<ByteBuffer> {

    /** One run of a harness: true when some call went over its allocation bound (throws if strict). */
    @FunctionalInterface
    public interface Harness {
        boolean run(FuzzReads reads, boolean strict);
    }

    /** Decodes the role and read size from the first byte of a non-empty input. */
    public static FuzzReads of(byte[] input) {
        Role role = (input[0] & 1) == 0 ? Role.SERVER : Role.CLIENT;
        int chunk = 1 + ((input[0] & 0xFF) >>> 1) % 32;
        return new FuzzReads(role, chunk, input);
    }

    /** Skips an empty input; runs once, and once more strictly when the first run went over its bound. */
    public static void coldThenWarm(byte[] input, Harness harness) {
        if (input.length == 0) {
            return;
        }
        FuzzReads reads = of(input);
        if (harness.run(reads, false)) {
            harness.run(reads, true);
        }
    }

    @Override
    public Iterator<ByteBuffer> iterator() {
        return new Iterator<>() {
            private int at = 1;

            @Override
            public boolean hasNext() {
                return at < input.length;
            }

            @Override
            public ByteBuffer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ByteBuffer read = ByteBuffer.wrap(input, at, Math.min(chunk, input.length - at));
                at += chunk;
                return read;
            }
        };
    }
}
