package org.socketlab.tcp;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
 * client that never reads would each hold a thread forever.
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

    private static final System.Logger LOG = System.getLogger(EchoServer.class.getName());

    private EchoServer() {
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "EchoServer", mixinStandardHelpOptions = true,
            description = "TCP echo server: prints 'listening on tcp://HOST:PORT', serves until Ctrl-C.")
    static final class Options implements Cli.Validated {
        @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--port", description = "port; 0 = any free port (default: ${DEFAULT-VALUE})")
        int port = 7007;
        @Option(names = "--strategy", paramLabel = "virtual|iterative|thread|pool:N",
                description = "one thread per connection, kinds (default: ${DEFAULT-VALUE})")
        String strategy = "virtual";
        @Option(names = "--read-timeout-ms", description = "drop a connection silent this long; 0 = never"
                + " (default: ${DEFAULT-VALUE})")
        int readTimeoutMillis = (int) DEFAULT_READ_TIMEOUT.toMillis();
        @Option(names = "--write-timeout-ms", description = "drop a client whose echo write is blocked this long;"
                + " 0 = never (default: ${DEFAULT-VALUE})")
        int writeTimeoutMillis = (int) DEFAULT_WRITE_TIMEOUT.toMillis();
        @Option(names = "--max-connections", description = "clients served at once, later ones are closed;"
                + " 0 = no limit (default: ${DEFAULT-VALUE})")
        int maxConnections = DEFAULT_MAX_CONNECTIONS;

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
            Cli.requireRange("--read-timeout-ms", readTimeoutMillis, 0, Integer.MAX_VALUE);
            Cli.requireRange("--write-timeout-ms", writeTimeoutMillis, 0, Integer.MAX_VALUE);
            Cli.requireRange("--max-connections", maxConnections, 0, Integer.MAX_VALUE);
            ConcurrencyStrategy.parse(strategy);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Cli.parse(new Options(), args);
        TcpServer server;
        try {
            server = start(options);
        } catch (BindException e) {
            System.err.println("EchoServer: cannot listen on " + options.host + ":" + options.port + ": "
                    + e.getMessage() + " (another process holds the port; try another --port, or 0 for any free one)");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(Duration.ofSeconds(2));
            stopped.countDown();
        }, "echo-server-shutdown"));
        System.out.println("listening on tcp://" + options.host + ":" + server.port());
        System.out.flush();
        stopped.await();
    }

    /** The server {@link #main} runs, built from its options with the safe defaults above. */
    static TcpServer start(Options options) throws IOException {
        return TcpServer.builder()
                .host(options.host)
                .port(options.port)
                .strategy(ConcurrencyStrategy.parse(options.strategy))
                .readTimeout(Duration.ofMillis(options.readTimeoutMillis))
                .handler(new EchoHandler(8192, Duration.ofMillis(options.writeTimeoutMillis)))
                .maxConnections(options.maxConnections, EchoServer::refuse)
                .start();
    }

    /** Past --max-connections: the echo protocol has no way to say "busy", so the socket is just closed. */
    private static void refuse(java.net.Socket socket) {
        LOG.log(System.Logger.Level.INFO, "refused {0}: --max-connections reached", socket.getRemoteSocketAddress());
    }
}
