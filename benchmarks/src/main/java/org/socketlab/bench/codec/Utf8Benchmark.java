package org.socketlab.bench.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;
import org.socketlab.websocket.frame.Utf8Validator;

/**
 * UTF-8 validation of a 16 KiB text payload (RFC 6455 §8.1 requires it for every text message):
 * our incremental automaton beside the JDK's decoder in REPORT mode (the usual way Java code
 * validates, which also produces chars). Texts: ASCII, 2-byte (Greek), 3-byte (Korean Hangul),
 * 4-byte (emoji) and a mix of all four.
 */
public class Utf8Benchmark extends CodecBenchmark {

    static final int TEXT_BYTES = 16 * 1024;

    @Param({"ascii", "greek2", "hangul3", "emoji4", "mixed"})
    public String text;

    private ByteBuffer bytes;
    private final Utf8Validator validator = new Utf8Validator();
    private CharsetDecoder jdkDecoder;
    private CharBuffer chars;

    @Setup(Level.Trial)
    public void setUp() {
        String unit = switch (text) {
            case "ascii" -> "The quick brown fox jumps over the lazy dog. ";
            case "greek2" -> "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία ";
            case "hangul3" -> "웹소켓은 양방향 통신을 제공합니다 ";
            case "emoji4" -> "😀🚀🌍🎉";
            case "mixed" -> "ascii Ξεσκεπάζω 웹소켓 😀 ";
            default -> throw new IllegalArgumentException("unknown text kind " + text);
        };
        StringBuilder builder = new StringBuilder();
        while (builder.toString().getBytes(StandardCharsets.UTF_8).length < TEXT_BYTES) {
            builder.append(unit);
        }
        bytes = ByteBuffer.wrap(builder.toString().getBytes(StandardCharsets.UTF_8));
        jdkDecoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        chars = CharBuffer.allocate(bytes.remaining());
    }

    @Benchmark
    public boolean socketlab() {
        validator.reset();
        return validator.feed(bytes) && validator.isCompleteSequence();
    }

    @Benchmark
    public void jdkCharsetDecoder(Blackhole bh) {
        jdkDecoder.reset();
        chars.clear();
        ByteBuffer in = bytes.duplicate();
        bh.consume(jdkDecoder.decode(in, chars, true).isError());
        bh.consume(chars);
    }
}
