package org.socketlab.bench.deflate;

import java.util.List;
import java.util.Locale;

/** The markdown report of a {@link DeflateBenchmark} run: quiet rows only (see {@code LoadAverage}). */
final class DeflateReport {

    private DeflateReport() {
    }

    static String markdown(List<EchoRun.Row> echo, List<MemoryRun.Row> memory, List<ZlibCost.Row> zlib) {
        StringBuilder md = new StringBuilder("## permessage-deflate: echo of chat JSON (quiet rows only)\n\n")
                .append("| server | payload | connections | msg/s | message B | C→S B/msg | S→C B/msg | S→C ÷ message | load before→after |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        echo.stream().filter(EchoRun.Row::quiet).forEach(row -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %d | %.0f | %.1f | %.1f | %.1f | %.2f | %.2f→%.2f |%n", row.server(), row.payload(),
                row.connections(), row.messagesPerSecond(), row.rawBytesPerMessage(), row.bytesSentPerMessage(),
                row.bytesReceivedPerMessage(), row.bytesReceivedPerMessage() / row.rawBytesPerMessage(),
                row.loadBefore(), row.loadAfter())));
        md.append("\n## Memory per connection after one message (server JVM, quiet rows only)\n\n")
                .append("| server | connections | heap B/conn | RSS B/conn | load before→after |\n| --- | --- | --- | --- | --- |\n");
        memory.stream().filter(MemoryRun.Row::quiet).forEach(row -> md.append(String.format(Locale.ROOT,
                "| %s | %d | %.0f | %.0f | %.2f→%.2f |%n", row.server(), row.connections(), row.heapPerConnection(),
                row.rssPerConnection(), row.loadBefore(), row.loadAfter())));
        md.append("\n## zlib objects alone (quiet rows only)\n\n")
                .append("| object | context | count | RSS B each | load before→after |\n| --- | --- | --- | --- | --- |\n");
        zlib.stream().filter(ZlibCost.Row::quiet).forEach(row -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %d | %.0f | %.2f→%.2f |%n", row.object(), row.takeover() ? "takeover" : "no takeover, released",
                row.count(), row.rssPerObject(), row.loadBefore(), row.loadAfter())));
        long noisy = echo.stream().filter(row -> !row.quiet()).count() + memory.stream().filter(row -> !row.quiet()).count()
                + zlib.stream().filter(row -> !row.quiet()).count();
        md.append("\n").append(noisy).append(" row(s) measured above the quiet threshold were left out.\n");
        return md.toString();
    }
}
