package org.socketlab.tcp;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.socketlab.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runnable TCP echo server.
 *
 * <pre>
 * org.socketlab.tcp.EchoServer [--host 127.0.0.1] [--port 7007]
 *                              [--strategy virtual|iterative|thread|pool:N]
 *                              [--read-timeout-ms 0]
 * </pre>
 *
 * Prints exactly one line {@code listening on tcp://HOST:PORT} once the socket is listening
 * (scripts and tests wait for it), then serves until the process is stopped (Ctrl-C), when
 * it stops gracefully.
 */
public final class EchoServer {

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
        @Option(names = "--read-timeout-ms", description = "close a connection silent this long; 0 = never"
                + " (default: ${DEFAULT-VALUE})")
        int readTimeoutMillis = 0;

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
            Cli.requireRange("--read-timeout-ms", readTimeoutMillis, 0, Integer.MAX_VALUE);
            ConcurrencyStrategy.parse(strategy);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Cli.parse(new Options(), args);
        String host = options.host;
        int port = options.port;
        TcpServer server;
        try {
            server = TcpServer.builder()
                    .host(host)
                    .port(port)
                    .strategy(ConcurrencyStrategy.parse(options.strategy))
                    .readTimeout(Duration.ofMillis(options.readTimeoutMillis))
                    .handler(new EchoHandler())
                    .start();
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
}
