package org.socketlab.websocket.realtime;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts the ticker server from the command line:
 *
 * <pre>
 *   TickerServerMain [--host 127.0.0.1] [--port 8080] [--interval-ms 1000] [--no-keep-alive]
 *                    [--long-poll-timeout-ms 30000] [--heartbeat-ms 15000] [--seed 42]
 * </pre>
 *
 * Prints {@code listening on http://HOST:PORT/} when ready and runs until killed.
 */
public final class TickerServerMain {

    private TickerServerMain() {
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "TickerServerMain", mixinStandardHelpOptions = true,
            description = "A stock ticker served five ways: poll, long-poll, stream, sse, ws.")
    static final class Options implements Cli.Validated {
        @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--port", description = "port; 0 = any free port (default: ${DEFAULT-VALUE})")
        int port = 8080;
        @Option(names = "--interval-ms", description = "one event every this many ms")
        Long intervalMillis;
        @Option(names = "--no-keep-alive", description = "close the connection after every response")
        boolean noKeepAlive;
        @Option(names = "--long-poll-timeout-ms", description = "hold a long poll this long at most")
        Long longPollTimeoutMillis;
        @Option(names = "--heartbeat-ms", description = "SSE/stream heartbeat interval")
        Long heartbeatMillis;
        @Option(names = "--seed", description = "seed of the price walk")
        Long seed;

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
            for (Long millis : new Long[] {intervalMillis, longPollTimeoutMillis, heartbeatMillis}) {
                if (millis != null) {
                    Cli.requireRange("--interval-ms, --long-poll-timeout-ms and --heartbeat-ms", millis, 1,
                            Long.MAX_VALUE);
                }
            }
            config();
        }

        RealtimeConfig config() {
            RealtimeConfig config = RealtimeConfig.defaults();
            if (intervalMillis != null) {
                config = config.withTickInterval(Duration.ofMillis(intervalMillis));
            }
            if (noKeepAlive) {
                config = config.withKeepAlive(false);
            }
            if (longPollTimeoutMillis != null) {
                config = config.withLongPollTimeout(Duration.ofMillis(longPollTimeoutMillis));
            }
            if (heartbeatMillis != null) {
                config = config.withHeartbeatInterval(Duration.ofMillis(heartbeatMillis));
            }
            return seed == null ? config : config.withSeed(seed);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Cli.parse(new Options(), args);
        String host = options.host;
        int port = options.port;
        RealtimeConfig config = options.config();
        RealtimeServer server = RealtimeServer.start(InetAddress.getByName(host), port, config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("listening on " + server.baseUri() + "/  (poll, long-poll, stream, sse, ws)");
        System.out.println("one event every " + config.tickInterval().toMillis() + " ms, keep-alive "
                + (config.keepAlive() ? "on" : "off"));
        new CountDownLatch(1).await();
    }
}
