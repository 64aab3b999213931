package org.socketlab.websocket.realtime.client;

import java.util.List;
import java.util.Locale;

/** Prints {@link TechniqueResult}s as a plain-text (and Markdown-compatible) table. */
public final class ResultTable {

    private ResultTable() {
    }

    public static String format(List<TechniqueResult> results) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "| %-12s | %8s | %5s | %9s | %10s | %9s | %10s | %8s | %6s | %6s | %8s | %8s |%n",
                "technique", "requests", "conns", "bytes up", "bytes down", "payload", "overhead", "ovh/evt",
                "empty", "events", "p50 ms", "p99 ms"));
        table.append("|--------------|---------:|------:|----------:|-----------:|----------:|-----------:|---------:"
                + "|-------:|-------:|---------:|---------:|").append(System.lineSeparator());
        for (TechniqueResult result : results) {
            table.append(String.format(Locale.ROOT,
                    "| %-12s | %8d | %5d | %9d | %10d | %9d | %10d | %8.1f | %6d | %6d | %8.2f | %8.2f |%n",
                    result.technique().label(), result.requests(), result.connections(), result.bytesUp(),
                    result.bytesDown(), result.payloadBytes(), result.overheadBytes(), result.overheadPerEvent(),
                    result.emptyResponses(), result.events(), result.latency().p50Micros() / 1000.0,
                    result.latency().p99Micros() / 1000.0));
        }
        return table.toString();
    }
}
