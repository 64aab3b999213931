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

    public static void main(String[] args) throws IOException, InterruptedException {
        CommandLineOptions options;
        try {
            options = CommandLineOptions.parse(args, Set.of("host", "port", "strategy", "read-timeout-ms"));
        } catch (IllegalArgumentException e) {
            System.err.println("EchoServer: " + e.getMessage());
            System.exit(2);
            return;
        }
        String host = options.get("host", "127.0.0.1");
        int port = options.getInt("port", 7007);
        TcpServer server;
        try {
            server = TcpServer.builder()
                    .host(host)
                    .port(port)
                    .strategy(ConcurrencyStrategy.parse(options.get("strategy", "virtual")))
                    .readTimeout(Duration.ofMillis(options.getInt("read-timeout-ms", 0)))
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
