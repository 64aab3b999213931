package org.socketlab.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.socketlab.tcp.cli.Cli;
import org.junit.jupiter.api.Timeout;

/** The stable entry point {@code org.socketlab.udp.DatagramEchoServer --host H --port P}, run as a real process. */
class DatagramEchoServerMainTest {
    private static final Pattern READY = Pattern.compile("listening on udp://([0-9.]+):(\\d+)");

    @Test
    @Timeout(30)
    void mainPrintsItsAddressWhenReadyAndEchoes() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DatagramEchoServer.class.getName(), "--host", "127.0.0.1", "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(20, TimeUnit.SECONDS);
            Matcher ready = READY.matcher(String.valueOf(line));
            assertThat(ready.matches()).as("first line of output: %s", line).isTrue();
            InetSocketAddress address = new InetSocketAddress(ready.group(1), Integer.parseInt(ready.group(2)));
            try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                peer.setSoTimeout(5_000);
                Datagrams.send(peer, "over a process boundary".getBytes(StandardCharsets.UTF_8), address);
                assertThat(new String(Datagrams.receive(peer, 100).data(), StandardCharsets.UTF_8))
                        .isEqualTo("over a process boundary");
            }
        } finally {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(5)
    void badArgumentsAreRejectedBeforeAnythingRuns() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var outcome = Cli.parseOrExitCode(new DatagramEchoServer.Options(), new String[] {"--port", "70000"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(outcome.exitCode()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "DatagramEchoServer: option '--port' is 70000; it must be within [0, 65535]\n"
                        + "try: DatagramEchoServer --help\n");
    }
}
