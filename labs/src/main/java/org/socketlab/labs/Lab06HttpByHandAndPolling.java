package org.socketlab.labs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.http.HttpResponse;
import org.socketlab.websocket.http.HttpResponseParser;
import org.socketlab.websocket.realtime.RealtimeConfig;
import org.socketlab.websocket.realtime.RealtimeServer;
import org.socketlab.websocket.realtime.Technique;
import org.socketlab.websocket.realtime.Tick;
import org.socketlab.websocket.realtime.TrafficStats;
import org.socketlab.websocket.realtime.client.ClientStats;
import org.socketlab.websocket.realtime.client.TickerClient;
import org.socketlab.websocket.realtime.client.TickerClientOptions;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 06 — HTTP typed by hand over a raw socket, the response parsed, then polling with and
 * without persistent connections, and what the server says to bad requests.
 *
 * <p>Options: {@code --polls 20} (polls per polling run), {@code --poll-ms 50}, {@code --interval-ms 200}.
 */
public final class Lab06HttpByHandAndPolling {

    static final String TITLE = "HTTP by hand and polling";
    static final String SUMMARY = "a GET typed on a raw socket, parsing the response, polling, keep-alive, 400/404/431";

    private Lab06HttpByHandAndPolling() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="06 --help"}. */
    @Command(name = "lab 06", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options implements Cli.Validated {
        @Option(names = "--polls", description = "requests per polling run (default: ${DEFAULT-VALUE})")
        int polls = 20;
        @Option(names = "--poll-ms", description = "pause between polls (default: ${DEFAULT-VALUE})")
        int pollMillis = 50;
        @Option(names = "--interval-ms", description = "the ticker publishes every this many ms (default: ${DEFAULT-VALUE})")
        int intervalMillis = 200;

        @Override
        public void validate() {
            Cli.requireRange("--polls", polls, 1, 100_000);
            Cli.requireRange("--poll-ms", pollMillis, 0, 60_000);
            Cli.requireRange("--interval-ms", intervalMillis, 1, 60_000);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        Narrator narrator = new Narrator();
        RealtimeConfig config = RealtimeConfig.defaults()
                .withTickInterval(Duration.ofMillis(options.intervalMillis));
        try (RealtimeServer server = RealtimeServer.start(0, config)) {
            narrator.say("A ticker server publishes a stock price every " + config.tickInterval().toMillis()
                    + " ms on " + server.baseUri());
            HttpResponse response = getByHand(narrator, server);
            parse(narrator, response);
            int polls = options.polls;
            Duration pollInterval = Duration.ofMillis(options.pollMillis);
            poll(narrator, server, polls, pollInterval, true);
        }
        try (RealtimeServer server = RealtimeServer.start(0, config)) {
            poll(narrator, server, options.polls, Duration.ofMillis(options.pollMillis), false);
            badRequests(narrator, server);
        }
        narrator.part("Done");
        narrator.say("Next: labs/guides/06-http-by-hand-and-polling.md, section \"Experiments\".");
    }

    /** Part 1: connect(), write() a request we type ourselves, read() until the response is complete. */
    private static HttpResponse getByHand(Narrator narrator, RealtimeServer server) throws IOException,
            HttpException {
        narrator.part("Part 1: a GET typed over a raw socket");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(5_000);
            narrator.syscall("connect()", "TCP connection to " + socket.getRemoteSocketAddress()
                    + " from " + socket.getLocalSocketAddress());
            String request = "GET /poll?since=0 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + server.port() + "\r\n"
                    + "Accept: application/json\r\n"
                    + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            narrator.syscall("write()", request.length() + " bytes: a request line, two header fields, an empty line");
            for (String line : request.split("\r\n")) {
                narrator.observe("    " + line + "\\r\\n");
            }
            narrator.observe("    \\r\\n   (the empty line: end of the head)");
            return readResponse(narrator, socket.getInputStream());
        }
    }

    private static HttpResponse readResponse(Narrator narrator, InputStream in) throws IOException,
            HttpException {
        HttpResponseParser parser = new HttpResponseParser();
        byte[] buffer = new byte[16 * 1024];
        while (true) {
            int count = in.read(buffer);
            if (count < 0) {
                throw new IOException("the server closed before the response was complete");
            }
            narrator.syscall("read()", count + " bytes arrived");
            HttpResponse response = parser.parse(ByteBuffer.wrap(buffer, 0, count));
            if (response != null) {
                String raw = new String(buffer, 0, count, StandardCharsets.US_ASCII);
                for (String line : raw.split("\r\n", -1)) {
                    narrator.observe("    " + (line.length() > 110 ? line.substring(0, 110) + "…" : line));
                }
                return response;
            }
        }
    }

    /** Part 2: what the parser found — and how it knew where the body ends. */
    private static void parse(Narrator narrator, HttpResponse response) {
        narrator.part("Part 2: parsing the response");
        narrator.say("status " + response.status() + " " + response.reason() + ", " + response.headers().size()
                + " header fields, body of " + response.bodyLength() + " bytes");
        narrator.say("The body ends after Content-Length = " + response.headers().first("Content-Length").orElse("?")
                + " bytes (RFC 9112 §6.3): that is how one connection can carry the next response.");
        List<Tick> ticks = Tick.fromJsonArray(response.bodyText());
        narrator.observe(ticks.size() + " tick(s) so far; the newest: "
                + (ticks.isEmpty() ? "none" : ticks.get(ticks.size() - 1).toJson()));
        int head = response.toBytes().length - response.bodyLength();
        narrator.observe("head " + head + " bytes, body " + response.bodyLength() + " bytes");
    }

    /** Part 3: a polling client, with and without persistent connections. */
    private static void poll(Narrator narrator, RealtimeServer server, int polls, Duration interval, boolean keepAlive)
            throws InterruptedException {
        narrator.part("Part " + (keepAlive ? "3" : "4") + ": polling every " + interval.toMillis() + " ms, keep-alive "
                + (keepAlive ? "on" : "off"));
        ClientStats stats = new ClientStats();
        TickerClientOptions options = TickerClientOptions.of(server.port()).withPollInterval(interval)
                .withKeepAlive(keepAlive).withBrowserHeaders(true);
        long before = server.acceptedConnections();
        TrafficStats.Snapshot trafficBefore = server.stats(Technique.POLLING).snapshot();
        try (TickerClient client = TickerClient.create(Technique.POLLING, options, stats, tick -> { })
                .resumeAfter(server.ticker().lastId()).start()) {
            while (stats.requests() < polls) {
                Thread.sleep(interval.toMillis()); // the lab just watches the client poll
            }
        }
        TrafficStats.Snapshot traffic = server.stats(Technique.POLLING).snapshot().minus(trafficBefore);
        narrator.syscall(keepAlive ? "write()/read()" : "connect()+close()",
                stats.requests() + " requests over " + (server.acceptedConnections() - before)
                        + " TCP connection(s)");
        narrator.observe(stats.emptyResponses() + " of " + stats.requests() + " answers were empty ([]): requests"
                + " that bought nothing");
        narrator.observe(stats.events() + " events arrived; " + stats.bytesUp() + " bytes up, " + stats.bytesDown()
                + " bytes down, of which " + stats.payloadBytes() + " were event JSON");
        narrator.observe("server counted " + traffic.bytesIn() + " bytes in and " + traffic.bytesOut() + " out at its socket");
        narrator.observe("latency p50 " + stats.latency().p50Micros() / 1000.0 + " ms, p99 "
                + stats.latency().p99Micros() / 1000.0 + " ms: an event waits for the next poll");
    }

    /** Part 5: the server's answers to broken requests. */
    private static void badRequests(Narrator narrator, RealtimeServer server) throws IOException, HttpException {
        narrator.part("Part 5: bad input");
        send(narrator, server, "GARBAGE\r\n\r\n", "a request line without method, target and version");
        send(narrator, server, "GET /poll HTTP/1.1\r\nHost: x\r\nX-Filler: " + "a".repeat(9_000) + "\r\n\r\n",
                "9,000 bytes of header: more than the 8 KiB the parser allows");
        send(narrator, server, "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n", "a path the server does not know");
    }

    private static void send(Narrator narrator, RealtimeServer server, String request, String what)
            throws IOException, HttpException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            HttpResponseParser parser = new HttpResponseParser();
            byte[] buffer = new byte[8192];
            HttpResponse response = null;
            int count;
            while (response == null && (count = socket.getInputStream().read(buffer)) > 0) {
                response = parser.parse(ByteBuffer.wrap(buffer, 0, count));
            }
            narrator.syscall("write()+read()", what + " → "
                    + (response == null ? "connection closed" : response.status() + " " + response.reason()));
        }
    }
}
