package org.socketlab.labs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.realtime.Envelopes;
import org.socketlab.websocket.realtime.Technique;
import org.socketlab.websocket.realtime.Tick;
import org.socketlab.websocket.realtime.client.ExperimentConfig;
import org.socketlab.websocket.realtime.client.OverheadExperiment;
import org.socketlab.websocket.realtime.client.ResultTable;
import org.socketlab.websocket.realtime.client.TechniqueResult;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 07 — long polling, streaming, SSE and WebSocket side by side, measured.
 *
 * <p>Options (all take a value): {@code --clients 5 --seconds 3 --interval-ms 250 --poll-ms 100
 * --keep-alive true --headers browser|tool --chart target/lab07/overhead.png} (relative to the labs module when run through Maven). The defaults
 * finish in about 20 seconds.
 */
public final class Lab07LongPollingStreamingSse {

    static final String TITLE = "Long polling, streaming, SSE and WebSocket";
    static final String SUMMARY = "one feed five ways: requests, header vs payload bytes, latency, empty answers";

    private Lab07LongPollingStreamingSse() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="07 --help"}. */
    @Command(name = "lab 07", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options implements Cli.Validated {
        @Option(names = "--clients", description = "clients per technique (default: ${DEFAULT-VALUE})")
        int clients = 5;
        @Option(names = "--seconds", description = "measuring time per technique (default: ${DEFAULT-VALUE})")
        int seconds = 3;
        @Option(names = "--interval-ms", description = "one event every this many ms (default: ${DEFAULT-VALUE})")
        int intervalMillis = 250;
        @Option(names = "--poll-ms", description = "pause between polls (default: ${DEFAULT-VALUE})")
        int pollMillis = 100;
        @Option(names = "--keep-alive", arity = "1", paramLabel = "true|false",
                description = "reuse connections between requests (default: ${DEFAULT-VALUE})")
        boolean keepAlive = true;
        @Option(names = "--headers", paramLabel = "browser|tool",
                description = "request headers a browser sends, or a tool's minimal ones (default: ${DEFAULT-VALUE})")
        String headers = "browser";
        @Option(names = "--chart", paramLabel = "FILE", description = "where the chart goes (default: ${DEFAULT-VALUE})")
        Path chart = Path.of("target/lab07/overhead.png");

        @Override
        public void validate() {
            Cli.requireRange("--clients", clients, 1, 10_000);
            Cli.requireRange("--seconds", seconds, 1, 3_600);
            Cli.requireRange("--interval-ms", intervalMillis, 1, 60_000);
            Cli.requireRange("--poll-ms", pollMillis, 0, 60_000);
            if (!headers.equals("browser") && !headers.equals("tool")) {
                throw new IllegalArgumentException("option '--headers' is '" + headers + "'; expected browser or tool");
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        ExperimentConfig config = ExperimentConfig.defaults()
                .withClients(options.clients)
                .withDuration(Duration.ofSeconds(options.seconds))
                .withTickInterval(Duration.ofMillis(options.intervalMillis))
                .withPollInterval(Duration.ofMillis(options.pollMillis))
                .withKeepAlive(options.keepAlive)
                .withBrowserHeaders(options.headers.equals("browser"));
        Path chart = options.chart;
        Narrator narrator = new Narrator();
        envelopes(narrator);
        List<TechniqueResult> results = measure(narrator, config);
        narrator.part("Part 3: the charts");
        for (Path written : OverheadChart.write(results, config, chart)) {
            narrator.observe("chart written to " + written.toAbsolutePath());
        }
        explain(narrator, results);
        narrator.part("Done");
        narrator.say("Next: labs/guides/07-long-polling-streaming-sse.md, section \"Experiments\".");
    }

    /** Part 1: the same 60-byte tick in each technique's envelope, byte for byte. */
    private static void envelopes(Narrator narrator) {
        narrator.part("Part 1: one event, four envelopes");
        Tick tick = new Tick(42, "ACME", 101_25, 1_000_000);
        int payload = tick.toJson().length();
        narrator.say("The event itself is " + payload + " bytes of JSON: " + tick.toJson());
        HttpResponse poll = Envelopes.pollResponse(List.of(tick), true);
        show(narrator, "poll answer", poll.toBytes(), payload + 2);
        show(narrator, "stream chunk", Envelopes.streamChunk(tick), payload);
        show(narrator, "SSE chunk", Envelopes.sseChunk(tick), payload);
        show(narrator, "WebSocket frame", Envelopes.webSocketFrame(tick), payload);
        narrator.observe("A poll also needs a request (a few hundred bytes from a browser) for every answer,"
                + " and long polling the same; the other three pay their request once.");
    }

    private static void show(Narrator narrator, String name, byte[] bytes, int payload) {
        narrator.syscall("write()", String.format(Locale.ROOT, "%-15s %4d bytes = %3d payload + %3d envelope",
                name, bytes.length, payload, bytes.length - payload));
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String visible = text.chars().mapToObj(c -> c == '\r' ? "\\r" : c == '\n' ? "\\n\n" : c < 0x20 || c > 0x7e
                ? String.format("\\x%02x", c) : String.valueOf((char) c)).reduce("", String::concat);
        for (String line : visible.split("\n")) {
            narrator.observe("    " + line);
        }
    }

    private static List<TechniqueResult> measure(Narrator narrator, ExperimentConfig config) throws Exception {
        narrator.part("Part 2: the same feed, five ways, measured at the socket");
        narrator.say(String.format(Locale.ROOT, "%d client(s) per technique, an event every %d ms, %d s each; polls"
                        + " every %d ms; keep-alive %s; %s request headers.", config.clients(),
                config.tickInterval().toMillis(), config.duration().toSeconds(), config.pollInterval().toMillis(),
                config.keepAlive() ? "on" : "off", config.browserHeaders() ? "browser-sized" : "tool-sized"));
        narrator.syscall("read()/write()", "Every byte the server reads or writes passes a counting stream;"
                + " the routes say which of them were event JSON.");
        List<TechniqueResult> results = OverheadExperiment.run(config, narrator::observe);
        System.out.println();
        System.out.print(ResultTable.format(results));
        return results;
    }

    /** Part 4: the course material's claims, checked against this run. */
    private static void explain(Narrator narrator, List<TechniqueResult> results) {
        narrator.part("Part 4: what the numbers say");
        for (TechniqueResult result : results) {
            narrator.observe(String.format(Locale.ROOT, "%-12s %5.1f bytes of overhead per event, %4.1f%% of the"
                            + " wire was payload, %d request(s), %d empty answer(s), p50 %.1f ms",
                    result.technique().label(), result.overheadPerEvent(), 100 * result.payloadShare(),
                    result.requests(), result.emptyResponses(), result.latency().p50Micros() / 1000.0));
        }
        narrator.say("Polling wastes requests (the empty answers), long polling still re-requests (one request per"
                + " answer), streaming and SSE send one request and then only the server talks, and a WebSocket"
                + " frame's header is 2 bytes: compare the overhead column with the envelopes of Part 1.");
    }
}
