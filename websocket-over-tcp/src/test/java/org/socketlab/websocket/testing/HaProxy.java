package org.socketlab.websocket.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code haproxy} in the foreground ({@code -f cfg -db}) for one test: the test writes
 * the configuration (usually a template from the repository with its ports filled in), this
 * class checks it with {@code -c}, starts it and waits until the frontend port accepts
 * connections. {@link #close()} kills it.
 *
 * <p>Missing locally → skipped with an install hint; {@code SOCKETLAB_REQUIRE_PEERS=true} → fails.
 */
public final class HaProxy implements AutoCloseable {

    private static final String HINT = "haproxy is missing: run `apt-get install -y haproxy` "
            + "(the tests start their own in the foreground)";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private final PeerProcess process;
    private final int frontendPort;

    private HaProxy(PeerProcess process, int frontendPort) {
        this.process = process;
        this.frontendPort = frontendPort;
    }

    /** The haproxy binary; skips the test when it is not installed (fails in CI). */
    public static Path binary() {
        return Peers.requireExecutable(HINT, "-v", "/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy");
    }

    /**
     * Writes {@code configuration} to a temporary file, validates it and starts haproxy; returns
     * once {@code frontendPort} on 127.0.0.1 accepts TCP connections.
     */
    public static HaProxy start(String configuration, int frontendPort) throws IOException, InterruptedException {
        Path haproxy = binary();
        Path file = Files.createTempFile("socketlab-haproxy", ".cfg");
        file.toFile().deleteOnExit();
        Files.writeString(file, configuration, StandardCharsets.UTF_8);
        Process check = new ProcessBuilder(haproxy.toString(), "-c", "-f", file.toString()).redirectErrorStream(true).start();
        String checkOutput = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (check.waitFor() != 0) {
            throw new IllegalArgumentException("haproxy -c rejected the configuration:\n" + checkOutput
                    + "\n--- configuration ---\n" + configuration);
        }
        PeerProcess process = new PeerProcess("haproxy :" + frontendPort,
                new ProcessBuilder(List.of(haproxy.toString(), "-f", file.toString(), "-db")).start());
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (accepts(frontendPort)) {
                return new HaProxy(process, frontendPort);
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20); // bounded polling of an outside process, with a deadline
        }
        process.close();
        throw new IOException("haproxy did not listen on 127.0.0.1:" + frontendPort + " within " + READY_TIMEOUT
                + "\n" + process.describe());
    }

    public int port() {
        return frontendPort;
    }

    public String describe() {
        return process.describe();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
