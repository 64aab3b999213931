package org.socketlab.bench.deflate;

import java.util.List;
import java.util.Locale;

/** The markdown report of a {@link DeflateBenchmark} run: quiet rows only (see {@code LoadAverage}). */
final class DeflateReport {

    private DeflateReport() {
    }

    static String markdown(String command, List<EchoRun.Row> echo, List<MemoryRun.Row> memory, List<ZlibCost.Row> zlib) {
        StringBuilder md = new StringBuilder("# permessage-deflate benchmark\n\n")
                .append("Written by `DeflateBenchmark` itself; do not edit by hand — re-run the command instead.\n\n")
                .append("- Date: ").append(java.time.Instant.now()).append('\n')
                .append("- Command: `").append(command).append("`\n")
                .append("- Machine: ").append(org.socketlab.bench.report.Machine.current().describe()).append('\n')
                .append("- Rows kept: echo and memory rows with other processes' CPU during them at most "
                        + org.socketlab.bench.report.LoadAverage.FOREIGN_PER_CORE + " per core (they load both cores "
                        + "themselves); zlib rows at a load of at most " + org.socketlab.bench.report.LoadAverage.QUIET_PER_CORE
                        + " per core.\n\n")
                .append("## permessage-deflate: echo of chat JSON (quiet rows only)\n\n")
                .append("| server | payload | connections | msg/s | message B | C→S B/msg | S→C B/msg | S→C ÷ message | load before→after | others' CPU (cores) |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        echo.stream().filter(EchoRun.Row::quiet).forEach(row -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %d | %.0f | %.1f | %.1f | %.1f | %.2f | %.2f→%.2f | %.2f |%n", row.server(), row.payload(),
                row.connections(), row.messagesPerSecond(), row.rawBytesPerMessage(), row.bytesSentPerMessage(),
                row.bytesReceivedPerMessage(), row.bytesReceivedPerMessage() / row.rawBytesPerMessage(),
                row.loadBefore(), row.loadAfter(), row.foreignCores())));
        md.append("\n## Memory per connection after one message (server JVM, quiet rows only)\n\n")
                .append("| server | connections | heap B/conn | RSS B/conn | load before→after | others' CPU (cores) |\n| --- | --- | --- | --- | --- | --- |\n");
        memory.stream().filter(MemoryRun.Row::quiet).forEach(row -> md.append(String.format(Locale.ROOT,
                "| %s | %d | %.0f | %.0f | %.2f→%.2f | %.2f |%n", row.server(), row.connections(), row.heapPerConnection(),
                row.rssPerConnection(), row.loadBefore(), row.loadAfter(), row.foreignCores())));
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
