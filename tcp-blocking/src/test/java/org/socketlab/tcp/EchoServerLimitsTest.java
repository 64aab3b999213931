package org.socketlab.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.socketlab.tcp.cli.Cli;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 17 item 10: the command-line echo server had no read timeout, no write timeout and no
 * connection cap, so an idle client and a client that never reads each held a thread forever.
 * The main now starts with safe defaults; these tests start the server exactly as the main does
 * ({@link EchoServer#start}) with short limits, and check the defaults themselves.
 */
@Timeout(30)
class EchoServerLimitsTest {

    private static final int BOUND_MILLIS = 8_000;
    private TcpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    private void start(String... args) throws IOException {
        String[] all = new String[args.length + 2];
        all[0] = "--port";
        all[1] = "0";
        System.arraycopy(args, 0, all, 2, args.length);
        var parsed = Cli.parseOrExitCode(new EchoServer.Options(), all, System.out, System.err);
        assertThat(parsed.proceed()).as("options %s parse", String.join(" ", all)).isTrue();
        server = EchoServer.start(parsed.options());
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(server.localAddress().getAddress(), server.port());
        socket.setSoTimeout(BOUND_MILLIS);
        return socket;
    }

    private String echo(String text) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Reads until the server closes (true) or the socket timeout passes first (false). */
    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain whatever was echoed
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    void theMainsDefaults_boundEveryConnection() throws IOException {
        start();
        assertThat(server.readTimeout()).as("default read timeout").isEqualTo(EchoServer.DEFAULT_READ_TIMEOUT)
                .isPositive();
        assertThat(server.maxConnections()).as("default connection cap").isEqualTo(EchoServer.DEFAULT_MAX_CONNECTIONS)
                .isPositive();
        assertThat(EchoServer.DEFAULT_WRITE_TIMEOUT).isPositive();
        assertThat(echo("served with the defaults")).isEqualTo("served with the defaults");
    }

    /** The long version: the real defaults, 30 s and 10 s (-Dsocketlab.hostile.realDefaults=true). */
    @Test
    @EnabledIfSystemProperty(named = "socketlab.hostile.realDefaults", matches = "true")
    @Timeout(120)
    void withTheRealDefaults_anIdleClientAndAClientThatNeverReads_areDropped() throws Exception {
        start();
        Socket greedy = new Socket();
        greedy.setReceiveBufferSize(4096);
        greedy.connect(new InetSocketAddress(server.localAddress().getAddress(), server.port()));
        try (Socket idle = connect(); greedy) {
            idle.setSoTimeout((int) EchoServer.DEFAULT_READ_TIMEOUT.plusSeconds(10).toMillis());
            OutputStream out = greedy.getOutputStream();
            CompletableFuture<Void> cut = CompletableFuture.runAsync(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    while (true) {
                        out.write(chunk);
                    }
                } catch (IOException expected) {
                    // the server closed the connection
                }
            });
            cut.get(EchoServer.DEFAULT_WRITE_TIMEOUT.plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
            assertThat(closedByServer(idle)).as("the idle client is dropped after %s", EchoServer.DEFAULT_READ_TIMEOUT)
                    .isTrue();
        }
        assertThat(echo("fresh")).isEqualTo("fresh");
    }

    @Test
    void anIdleClient_isDroppedAfterTheReadTimeout_andAFreshClientIsServed() throws IOException {
        start("--read-timeout-ms", "500");
        try (Socket idle = connect()) {
            long started = System.nanoTime();
            assertThat(closedByServer(idle)).as("the idle client is dropped").isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isGreaterThanOrEqualTo(400);
        }
        assertThat(echo("fresh")).isEqualTo("fresh");
    }

    @Test
    void aClientThatNeverReads_isDroppedAfterTheWriteTimeout_whileAFreshClientIsServed() throws Exception {
        start("--write-timeout-ms", "500");
        Socket greedy = new Socket();
        greedy.setReceiveBufferSize(4096); // before connect: a small window fills fast
        greedy.connect(new InetSocketAddress(server.localAddress().getAddress(), server.port()));
        try (greedy) {
            OutputStream out = greedy.getOutputStream();
            // Writes until the server closes the connection: the echo it cannot deliver blocks it.
            CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> {
                long total = 0;
                byte[] chunk = new byte[64 * 1024];
                try {
                    while (true) {
                        out.write(chunk);
                        total += chunk.length;
                    }
                } catch (IOException cut) {
                    return total;
                }
            });
            assertThat(echo("fresh while one client does not read")).isEqualTo("fresh while one client does not read");
            long total = written.get(BOUND_MILLIS + 5_000, TimeUnit.MILLISECONDS);
            assertThat(total).as("bytes sent before the server gave up on the client").isPositive();
        }
        assertThat(echo("fresh after")).isEqualTo("fresh after");
    }

    @Test
    void clientsPastMaxConnections_areClosedAtOnce_andTheSlotComesBack() throws Exception {
        start("--max-connections", "1");
        try (Socket first = connect()) {
            first.getOutputStream().write('a');
            assertThat(first.getInputStream().read()).isEqualTo('a');
            try (Socket second = connect()) {
                assertThat(closedByServer(second)).as("the second client, past the cap of 1, is closed").isTrue();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.activeConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // bounded polling: the first handler returns once its socket is closed
        }
        assertThat(echo("after")).isEqualTo("after");
    }
}
