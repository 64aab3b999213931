package org.socketlab.websocket.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code redis-server} on a loopback port, for one test class: no persistence
 * ({@code --save '' --appendonly no}), ready once {@code PING} answers {@code +PONG}, killed by
 * {@link #close()}. Redis cannot bind port 0 and report the port, so a free port is found by
 * binding 0 and releasing it (a short race another process could win; the start then fails
 * with redis' own message and is retried on a new port).
 *
 * <p>Missing locally → the test is skipped with an install hint; with
 * {@code SOCKETLAB_REQUIRE_PEERS=true} (CI) it fails instead.
 */
public final class RedisServer implements AutoCloseable {

    private static final String HINT = "redis-server is missing: run `apt-get install -y redis-server` "
            + "(the tests start their own on a loopback port)";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private final PeerProcess process;
    private final int port;

    private RedisServer(PeerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a fresh server; skips the test when redis-server is not installed (fails in CI). */
    public static RedisServer start() throws IOException, InterruptedException {
        Path binary = Peers.requireExecutable(HINT, "--version", "/usr/bin/redis-server", "/usr/local/bin/redis-server");
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freeLoopbackPort();
            List<String> command = List.of(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--loglevel", "warning");
            PeerProcess process = new PeerProcess("redis-server :" + port, new ProcessBuilder(command).start());
            if (awaitPong(port, process)) {
                return new RedisServer(process, port);
            }
            process.close();
            last = new IOException("redis-server did not answer PING on 127.0.0.1:" + port + " within "
                    + READY_TIMEOUT + "\n" + process.describe());
        }
        throw last;
    }

    /** A port nobody listens on right now: bind 0, read the port, release it. */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** {@code redis://127.0.0.1:port}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Whether the server still answers PING. */
    public boolean answersPing() {
        return ping(port);
    }

    public String describe() {
        return process.describe();
    }

    private static boolean awaitPong(int port, PeerProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (ping(port)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(20); // bounded polling of a process we do not control, with a deadline
        }
        return false;
    }

    /** One RESP inline {@code PING}; true on {@code +PONG}. */
    static boolean ping(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
