package org.socketlab.bench.codec;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every codec benchmark shares, in one place: operations per second, one fork
 * with a fixed 1 GiB heap (so GC sizing does not differ between runs), 3 × 1 s warm-up and
 * 5 × 1 s measurement, per-thread state. JMH reads these class annotations from the superclass
 * (a benchmark class may still override any of them on itself or on a method); a meta-annotation
 * would not work, JMH does not look through annotations on annotations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class CodecBenchmark {
}
