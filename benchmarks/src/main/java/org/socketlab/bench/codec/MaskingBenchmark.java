package org.socketlab.bench.codec;

import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;
import org.socketlab.websocket.frame.Masking;

/**
 * RFC 6455 §5.3 masking alone: the reference byte loop ({@code Masking.applySimple}) beside the
 * 8-bytes-at-a-time fast path ({@code Masking.apply}), the one-pass copy-and-mask a client
 * encoder uses, and {@code System.arraycopy} as the memory bandwidth ceiling.
 */
public class MaskingBenchmark extends CodecBenchmark {

    @Param({"16", "125", "1024", "65536", "1048576"})
    public int size;

    private ByteBuffer heap;
    private ByteBuffer direct;
    private ByteBuffer target;
    private byte[] source;
    private byte[] copyTarget;

    @Setup(Level.Trial)
    public void setUp() {
        source = WireFrames.payload(size);
        heap = ByteBuffer.wrap(source.clone());
        direct = ByteBuffer.allocateDirect(size).put(source).clear();
        target = ByteBuffer.allocate(size);
        copyTarget = new byte[size];
    }

    @Benchmark
    public void simpleByteLoop(Blackhole bh) {
        Masking.applySimple(heap, WireFrames.MASK_KEY, 0);
        bh.consume(heap);
    }

    @Benchmark
    public void fastHeap(Blackhole bh) {
        Masking.apply(heap, WireFrames.MASK_KEY, 0);
        bh.consume(heap);
    }

    @Benchmark
    public void fastDirect(Blackhole bh) {
        Masking.apply(direct, WireFrames.MASK_KEY, 0);
        bh.consume(direct);
    }

    @Benchmark
    public void copyMasked(Blackhole bh) {
        Masking.copyMasked(heap, 0, target, 0, size, WireFrames.MASK_KEY);
        bh.consume(target);
    }

    /** Two passes, each one the JIT vectorises well: copy, then mask the copy in place. */
    @Benchmark
    public void copyThenMask(Blackhole bh) {
        System.arraycopy(source, 0, target.array(), 0, size);
        Masking.apply(target, 0, size, WireFrames.MASK_KEY, 0);
        bh.consume(target);
    }

    @Benchmark
    public void baselineArraycopy(Blackhole bh) {
        System.arraycopy(source, 0, copyTarget, 0, size);
        bh.consume(copyTarget);
    }
}
