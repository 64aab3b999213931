package org.socketlab.tcp.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the tap reports about one relayed connection: a block of text per event (hex dump plus
 * the dissector's lines), and the same event as synthesised packets in the pcap file.
 *
 * <p>Thread-safety: every method is synchronized, so the two relay threads of a connection
 * never interleave inside a block and the dissector is never called concurrently.
 */
final class ConnectionLog {

    static final String ANNOTATION = "    | ";

    private final int id;
    private final InstantSource clock;
    private final Instant start;
    private final Consumer<String> output;
    private final int maxDumpBytes;
    private final long[] streamOffset = new long[2];
    private Dissector dissector;
    private PcapTcpFlow pcap;

    ConnectionLog(int id, InstantSource clock, Consumer<String> output, int maxDumpBytes, Dissector dissector) {
        this.id = id;
        this.clock = clock;
        this.start = clock.instant();
        this.output = output;
        this.maxDumpBytes = maxDumpBytes;
        this.dissector = dissector;
    }

    synchronized void opened(InetSocketAddress client, InetSocketAddress tap, InetSocketAddress target,
                             PcapWriter pcapWriter) {
        emit(List.of(prefix(null) + "open  client " + client + " -> tap " + tap + " -> target " + target));
        if (pcapWriter != null) {
            try {
                pcap = pcapWriter.openFlow(client, target, start);
            } catch (IOException e) {
                emit(List.of(prefix(null) + "pcap: cannot write (" + e.getMessage() + "); capture of this connection stops"));
            }
        }
    }

    synchronized void data(Direction direction, byte[] buffer, int length) {
        Instant now = clock.instant();
        ByteBuffer bytes = ByteBuffer.wrap(Arrays.copyOf(buffer, length)).asReadOnlyBuffer();
        List<String> block = new ArrayList<>();
        long offset = streamOffset[direction.ordinal()];
        block.add(prefix(now) + direction.arrow() + " " + length + " bytes (stream offset " + offset + ")");
        for (String line : HexDump.lines(bytes, offset, maxDumpBytes)) {
            block.add("  " + line);
        }
        streamOffset[direction.ordinal()] += length;
        annotate(block, () -> dissector.dissect(direction, bytes.duplicate()));
        emit(block);
        if (pcap != null) {
            pcapWrite(() -> pcap.data(direction, bytes.duplicate(), now));
        }
    }

    /** The sender half-closed its direction; the tap passed the FIN on. */
    synchronized void fin(Direction direction, String explanation) {
        Instant now = clock.instant();
        List<String> block = new ArrayList<>();
        block.add(prefix(now) + direction.arrow() + " FIN after " + streamOffset[direction.ordinal()] + " bytes: "
                + explanation);
        annotate(block, () -> dissector.endOfStream(direction));
        emit(block);
        if (pcap != null) {
            pcapWrite(() -> pcap.fin(direction, now));
        }
    }

    /** The connection was aborted from {@code direction}'s sender; the tap reset the other side. */
    synchronized void reset(Direction direction, String explanation) {
        Instant now = clock.instant();
        List<String> block = new ArrayList<>();
        block.add(prefix(now) + direction.arrow() + " RST: " + explanation);
        annotate(block, () -> dissector.endOfStream(direction));
        annotate(block, () -> dissector.endOfStream(direction.reverse()));      // a reset ends both streams
        emit(block);
        if (pcap != null) {
            pcapWrite(() -> pcap.reset(direction, now));
        }
    }

    synchronized void note(String text) {
        emit(List.of(prefix(clock.instant()) + text));
    }

    synchronized void closed() {
        emit(List.of(prefix(clock.instant()) + "closed: " + streamOffset[0] + " bytes C->S, "
                + streamOffset[1] + " bytes S->C"));
    }

    /** Runs the dissector; if it breaks its contract and throws, the tap carries on with hex only. */
    private void annotate(List<String> block, DissectorCall call) {
        try {
            for (String line : call.lines()) {
                block.add(ANNOTATION + line);
            }
        } catch (RuntimeException e) {
            block.add(ANNOTATION + "dissector failed (" + e + "); hex only from here on");
            dissector = Dissector.none();
        }
    }

    private void pcapWrite(PcapCall call) {
        try {
            call.run();
        } catch (IOException e) {
            emit(List.of(prefix(null) + "pcap: cannot write (" + e.getMessage() + "); capture of this connection stops"));
            pcap = null;
        }
    }

    private String prefix(Instant now) {
        Duration offset = Duration.between(start, now == null ? start : now);
        return String.format("#%d +%d.%06d ", id, offset.getSeconds(), offset.getNano() / 1000);
    }

    private void emit(List<String> block) {
        output.accept(String.join(System.lineSeparator(), block));
    }

    @FunctionalInterface
    private interface DissectorCall {
        List<String> lines();
    }

    @FunctionalInterface
    private interface PcapCall {
        void run() throws IOException;
    }
}
