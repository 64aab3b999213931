package org.socketlab.websocket.realtime;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

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

    public static void main(String[] args) throws IOException, InterruptedException {
        String host = "127.0.0.1";
        int port = 8080;
        RealtimeConfig config = RealtimeConfig.defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--interval-ms" -> config = config.withTickInterval(Duration.ofMillis(Long.parseLong(args[++i])));
                case "--no-keep-alive" -> config = config.withKeepAlive(false);
                case "--long-poll-timeout-ms" ->
                        config = config.withLongPollTimeout(Duration.ofMillis(Long.parseLong(args[++i])));
                case "--heartbeat-ms" ->
                        config = config.withHeartbeatInterval(Duration.ofMillis(Long.parseLong(args[++i])));
                case "--seed" -> config = config.withSeed(Long.parseLong(args[++i]));
                default -> throw new IllegalArgumentException("unknown option " + flag + "; see the class comment");
            }
        }
        RealtimeServer server = RealtimeServer.start(InetAddress.getByName(host), port, config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("listening on " + server.baseUri() + "/  (poll, long-poll, stream, sse, ws)");
        System.out.println("one event every " + config.tickInterval().toMillis() + " ms, keep-alive "
                + (config.keepAlive() ? "on" : "off"));
        new CountDownLatch(1).await();
    }
}
