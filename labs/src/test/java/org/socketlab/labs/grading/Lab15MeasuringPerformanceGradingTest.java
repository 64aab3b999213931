package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.socketlab.websocket.frame.DecodedFrame;
import org.socketlab.websocket.frame.Frame;
import org.socketlab.websocket.frame.FrameDecoder;
import org.socketlab.websocket.frame.FrameEncoder;
import org.socketlab.websocket.frame.MaskKeySource;
import org.socketlab.websocket.frame.Masking;
import org.socketlab.websocket.frame.Opcode;
import org.socketlab.websocket.frame.WebSocketProtocolException;
import org.socketlab.websocket.frame.Role;

/** Lab 15 — measuring performance. Guide: labs/guides/15-measuring-performance.md. */
@Timeout(60)
class Lab15MeasuringPerformanceGradingTest {

    private static final String GUIDE = "labs/guides/15-measuring-performance.md";
    private static final int KEY = 0x37FA213D;

    @Test
    @Points(3)
    @DisplayName("Your fast masking gives exactly the bytes of the RFC's byte loop, for every length and offset")
    void fastMaskingAgreesWithTheByteLoop() {
        long seed = System.nanoTime();
        System.out.println("Lab 15 masking check, seed " + seed);
        Random random = new Random(seed);
        for (int length = 0; length <= 300; length++) {
            for (int offset = 0; offset < 8; offset++) {
                byte[] data = new byte[length];
                random.nextBytes(data);
                int key = random.nextInt();
                ByteBuffer expected = ByteBuffer.wrap(data.clone());
                ByteBuffer actual = ByteBuffer.wrap(data.clone());
                Masking.applySimple(expected, key, offset);
                Masking.apply(actual, key, offset);
                int differs = Arrays.mismatch(expected.array(), actual.array());
                assertThat(differs).as("""
                        Masking.apply(%d bytes, key 0x%08X, maskOffset %d) must equal Masking.applySimple,
                        but byte %d differs: expected %02x, got %02x (seed %d).
                        Remember: byte i is XOR-ed with key byte (i + maskOffset) mod 4 — see %s, "The fast path".""",
                        length, key, offset, differs, differs < 0 ? 0 : expected.get(differs),
                        differs < 0 ? 0 : actual.get(differs), seed, GUIDE).isEqualTo(-1);
            }
        }
    }

    @Test
    @Points(3)
    @DisplayName("Your fast masking runs at least 4× faster than the byte loop on 64 KiB (JMH, same run)")
    void fastMaskingIsMeasurablyFaster() throws Exception {
        System.setProperty("jmh.ignoreLock", "true");
        Collection<RunResult> runs = new Runner(new OptionsBuilder()
                .include("org\\.socketlab\\.bench\\.codec\\.MaskingBenchmark\\.(simpleByteLoop|fastHeap)$")
                .param("size", "65536").forks(0)
                .warmupIterations(2).warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(200)).build()).run();
        double simple = score(runs, "simpleByteLoop");
        double fast = score(runs, "fastHeap");

        assertThat(fast / simple).as("""
                fast path %.0f ops/s vs byte loop %.0f ops/s = %.1f×; expected at least 4×.
                An 8-byte step should be many times faster; if it is not, check the loop is a counted loop
                (`i < limit`) over a VarHandle long view and does no per-step allocation — see %s, "The fast path".""",
                fast, simple, fast / simple, GUIDE).isGreaterThanOrEqualTo(4.0);
    }

    @Test
    @Points(2)
    @DisplayName("Decoding a whole masked frame into a reused DecodedFrame allocates nothing")
    void decodingIntoAViewAllocatesNothing() throws WebSocketProtocolException {
        byte[] wire = HexFormat.of().parseHex("8285" + "37fa213d" + "7f9f4d5158"); // RFC 6455 §5.7 "Hello", binary
        FrameDecoder decoder = new FrameDecoder(Role.SERVER, 1 << 20, 0);
        DecodedFrame view = new DecodedFrame();
        ByteBuffer input = ByteBuffer.wrap(wire);
        for (int i = 0; i < 20_000; i++) { // warm up: let the JIT compile the loop before counting
            input.clear();
            decoder.decode(input, view);
        }
        long before = allocatedBytes();
        int decodes = 100_000;
        for (int i = 0; i < decodes; i++) {
            input.clear();
            decoder.decode(input, view);
        }
        double perDecode = (allocatedBytes() - before) / (double) decodes;

        assertThat(view.opcode()).isEqualTo(Opcode.BINARY);
        assertThat(perDecode).as("""
                bytes allocated per decode: %.2f; expected under 1. decode(in, view) must reuse the view and
                unmask in place (no new Frame, no slice, no temporary arrays) — see %s, "Allocation per operation".""",
                perDecode, GUIDE).isLessThan(1.0);
    }

    @Test
    @Points(2)
    @DisplayName("Your client encoder masks while copying: RFC bytes on the wire, the caller's payload untouched")
    void clientEncoderMasksWhileCopying() {
        FrameEncoder encoder = new FrameEncoder(Role.CLIENT, MaskKeySource.fixed(KEY));
        ByteBuffer payload = ByteBuffer.wrap("Hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer out = ByteBuffer.allocate(64);

        encoder.encode(Frame.of(Opcode.TEXT, payload, true), out);

        assertThat(HexFormat.ofDelimiter(" ").formatHex(out.array(), 0, out.position()))
                .as("RFC 6455 §5.7 masked \"Hello\" — see %s, \"Masking while copying\"", GUIDE)
                .isEqualTo("81 85 37 fa 21 3d 7f 9f 4d 51 58");
        assertThat(new String(payload.array(), java.nio.charset.StandardCharsets.US_ASCII))
                .as("the caller's payload after encoding (it must not be masked in place)").isEqualTo("Hello");
    }

    @Test
    @Points(2)
    @DisplayName("JMH's GC profiler shows the decode benchmark allocating (almost) nothing per frame")
    void gcProfilerReportsAllocationPerOperation() throws Exception {
        System.setProperty("jmh.ignoreLock", "true");
        Collection<RunResult> runs = new Runner(new OptionsBuilder()
                .include("org\\.socketlab\\.bench\\.codec\\.DecodeBenchmark\\.socketlab$")
                .param("size", "125").forks(0).addProfiler(GCProfiler.class)
                .warmupIterations(1).warmupTime(TimeValue.milliseconds(200))
                .measurementIterations(2).measurementTime(TimeValue.milliseconds(200)).build()).run();
        Result<?> alloc = runs.iterator().next().getSecondaryResults().get("gc.alloc.rate.norm");

        assertThat(alloc).as("gc.alloc.rate.norm in the GC profiler's results — see %s, \"Reading JMH output\"", GUIDE)
                .isNotNull();
        assertThat(alloc.getScore()).as("""
                DecodeBenchmark.socketlab allocated %.1f B/op; expected under 8 (the harness itself adds a
                fraction of a byte) — see %s, "Allocation per operation".""", alloc.getScore(), GUIDE)
                .isLessThan(8.0);
    }

    private static double score(Collection<RunResult> runs, String method) {
        return runs.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .orElseThrow(() -> new AssertionError("benchmark " + method + " did not run")).getPrimaryResult().getScore();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
