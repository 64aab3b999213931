package org.socketlab.tcp;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runnable TCP echo server.
 *
 * <pre>
 * org.socketlab.tcp.EchoServer [--host 127.0.0.1] [--port 7007]
 *                              [--strategy virtual|iterative|thread|pool:N]
 *                              [--read-timeout-ms 30000] [--write-timeout-ms 10000]
 *                              [--max-connections 1000]
 * </pre>
 *
 * Safe by default: a client that sends nothing for {@code --read-timeout-ms} is dropped, a client
 * that stops reading its echo is dropped once one write has been blocked for
 * {@code --write-timeout-ms}, and at most {@code --max-connections} clients are served at once
 * (later ones are closed at once). 0 turns each limit off. Without them, an idle client and a
 * client that never reads would each hold a thread forever (issue 17 item 10).
 *
 * <p>Prints exactly one line {@code listening on tcp://HOST:PORT} once the socket is listening
 * (scripts and tests wait for it), then serves until the process is stopped (Ctrl-C), when
 * it stops gracefully.
 */
public final class EchoServer {

    /** An idle client is dropped after this long without a byte. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** A client that stops reading is dropped once one echo write has been blocked this long. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** Clients served at once; the next one is closed without an answer. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1_000;

    static final Set<String> OPTIONS = Set.of("host", "port", "strategy", "read-timeout-ms", "write-timeout-ms",
            "max-connections");

    private static final System.Logger LOG = System.getLogger(EchoServer.class.getName());

    private EchoServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        CommandLineOptions options;
        try {
            options = CommandLineOptions.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println("EchoServer: " + e.getMessage());
            System.exit(2);
            return;
        }
        String host = options.get("host", "127.0.0.1");
        int port = options.getInt("port", 7007);
        TcpServer server;
        try {
            server = start(options);
        } catch (BindException e) {
            System.err.println("EchoServer: cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (another process holds the port; try another --port, or 0 for any free one)");
            System.exit(1);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("EchoServer: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(Duration.ofSeconds(2));
            stopped.countDown();
        }, "echo-server-shutdown"));
        System.out.println("listening on tcp://" + host + ":" + server.port());
        System.out.flush();
        stopped.await();
    }

    /** The server {@link #main} runs, built from its options with the safe defaults above. */
    static TcpServer start(CommandLineOptions options) throws IOException {
        Duration readTimeout = millis(options, "read-timeout-ms", DEFAULT_READ_TIMEOUT);
        Duration writeTimeout = millis(options, "write-timeout-ms", DEFAULT_WRITE_TIMEOUT);
        int maxConnections = options.getInt("max-connections", DEFAULT_MAX_CONNECTIONS);
        return TcpServer.builder()
                .host(options.get("host", "127.0.0.1"))
                .port(options.getInt("port", 7007))
                .strategy(ConcurrencyStrategy.parse(options.get("strategy", "virtual")))
                .readTimeout(readTimeout)
                .handler(new EchoHandler(8192, writeTimeout))
                .maxConnections(maxConnections, EchoServer::refuse)
                .start();
    }

    private static Duration millis(CommandLineOptions options, String name, Duration fallback) {
        return Duration.ofMillis(options.getInt(name, (int) fallback.toMillis()));
    }

    /** Past --max-connections: the echo protocol has no way to say "busy", so the socket is just closed. */
    private static void refuse(java.net.Socket socket) {
        LOG.log(System.Logger.Level.INFO, "refused {0}: --max-connections reached", socket.getRemoteSocketAddress());
    }
}
