package org.socketlab.websocket.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.Peers;

/** curl and npm's eventsource against the hand-written server (Chromium: {@link ChromiumInteropTest}). */
@Timeout(30)
class RealClientsInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RealtimeServer server;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = RealtimeServer.start(0, RealtimeConfig.defaults().withTickInterval(Duration.ZERO)
                .withSseRetry(Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        server.close();
    }

    private Process curl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(RealtimePeers.CURL.toString(), "-sS", "--max-time", "20"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(process);
        return process;
    }

    @Nested
    class Curl {
        @BeforeEach
        void needsCurl() {
            RealtimePeers.requireCurl();
        }

        @Test
        void curlPolls_andReusesTheConnectionForTwoUrls() throws Exception {
            Tick tick = server.ticker().publish("ACME", 123_45);
            Process process = curl("-w", "\\n%{num_connects}\\n", server.baseUri() + "/poll?since=0",
                    server.baseUri() + "/poll?since=1");
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(out).contains(tick.toJson()).contains("[]");
            // curl reports 1 new connection for the first URL and 0 for the second: keep-alive worked.
            assertThat(out.lines().filter(line -> line.matches("\\d+")).toList()).containsExactly("1", "0");
            assertThat(server.acceptedConnections()).isEqualTo(1);
        }

        @Test
        void curlStreams_eventsArriveWhilePublished_andLeavingFreesTheSubscriber() throws Exception {
            Process process = curl("-N", server.baseUri() + "/stream");
            LinkedBlockingQueue<String> lines = linesOf(process);
            assertThat(server.awaitSubscribers(1, WAIT)).isTrue();
            Tick tick = server.ticker().publish("ACME", 100_00);
            assertThat(lines.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(tick.toJson());
            process.destroy();
            assertThat(server.awaitSubscribers(0, WAIT)).isTrue();
        }

        @Test
        void curlLongPolls() throws Exception {
            Process process = curl(server.baseUri() + "/long-poll?since=0");
            assertThat(server.awaitSubscribers(1, WAIT)).isTrue();
            Tick tick = server.ticker().publish("ACME", 100_00);
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).isEqualTo("[" + tick.toJson() + "]");
        }
    }

    @Nested
    class NodeEventSource {
        @Test
        void eventSourceReceivesTicks_andResumesWithLastEventIdAfterADrop() throws Exception {
            RealtimePeers.requireNodeEventSource();
            try (PeerProcess node = Peers.startNode("eventsource_client.js", server.baseUri() + "/sse")) {
                node.awaitLine(line -> line.equals("OPEN"), WAIT);
                assertThat(node.awaitLine(line -> line.startsWith("HELLO"), WAIT))
                        .as("multi-line data joined with LF").contains("welcome to the socketlab ticker|symbols: ");
                Tick first = server.ticker().publish("ACME", 100_00);
                assertThat(node.awaitLine(line -> line.startsWith("TICK"), WAIT)).isEqualTo("TICK 1 " + first.toJson());

                server.disconnectStreams();
                assertThat(server.awaitSubscribers(0, WAIT)).isTrue();
                Tick missed = server.ticker().publish("ACME", 100_01); // while the client waits 200 ms
                assertThat(node.awaitLine(line -> line.startsWith("TICK"), WAIT)).isEqualTo("TICK 2 " + missed.toJson());
                assertThat(server.stats(Technique.SSE).snapshot().requests()).isEqualTo(2);
            }
        }
    }

    static LinkedBlockingQueue<String> linesOf(Process process) {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // The process was destroyed.
            }
        });
        return lines;
    }
}
