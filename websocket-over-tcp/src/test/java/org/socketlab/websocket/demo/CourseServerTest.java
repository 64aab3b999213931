package org.socketlab.websocket.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.socketlab.tcp.cli.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every server on one port; a real client (the JDK's HttpClient) reuses one pooled connection. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CourseServerTest {

    private CourseServer server;

    @BeforeEach
    void start() throws Exception {
        server = CourseServer.start("127.0.0.1", 0, new CourseServer.Options(Duration.ofMillis(300),
                Duration.ofMillis(200), 1_000_000, "0123456789abcdef0123456789abcdef"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void help_printsUsage_withExitStatus0() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var outcome = Cli.parseOrExitCode(new CourseServer.CommandLineOptions(), new String[] {"--help"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(outcome.exitCode()).isEqualTo(Cli.EXIT_OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: CourseServer").contains("--ping-interval");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void badOptions_areRefusedBeforeAnythingStarts() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var outcome = Cli.parseOrExitCode(new CourseServer.CommandLineOptions(), new String[] {"--ping-interval", "0"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(outcome.exitCode()).isEqualTo(Cli.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("CourseServer: option '--ping-interval' is 0; it must be within [1, 2147483647]");
    }

    @Test
    void printsEveryUrl_thenTheReadinessLine() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CourseServer.print(server, new PrintStream(captured, true, StandardCharsets.UTF_8));
        String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n");
        String base = "http://127.0.0.1:" + server.port() + "/";
        assertThat(lines[lines.length - 1]).isEqualTo("listening on " + base);
        assertThat(String.join("\n", lines)).contains(base + "ticker/sse").contains(base + "engine.io/")
                .contains(base + "socket.io/").contains("ws://127.0.0.1:" + server.port() + "/ws/chat");
    }

    @Test
    void jdkHttpClient_servesEveryHttpRouteOverOnePooledConnection() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + server.port();
        for (int round = 0; round < 2; round++) {
            assertThat(get(client, base + "/chat.js").statusCode()).isEqualTo(200);
            assertThat(get(client, base + "/ticker/").statusCode()).isEqualTo(200);
            HttpResponse<String> connections = client.send(HttpRequest.newBuilder(URI.create(base + "/@connections/notConnected123"))
                    .header("x-api-key", server.apiKey()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(connections.statusCode()).as("@connections GET for an id that is not connected").isEqualTo(410);
            assertThat(get(client, base + "/ticker/poll").body()).startsWith("[");
            assertThat(get(client, base + "/ticker/long-poll?timeout=50").statusCode()).isEqualTo(200);
            HttpResponse<String> open = get(client, base + "/engine.io/?EIO=4&transport=polling");
            assertThat(open.body()).startsWith("0{\"sid\"");
            HttpResponse<String> handshake = get(client, base + "/socket.io/?EIO=4&transport=polling");
            assertThat(handshake.body()).startsWith("0{\"sid\"");
        }
        assertThat(server.frontDoor().acceptedConnections())
                .as("TCP connections accepted for 14 sequential requests from one client").isEqualTo(1);
        long first = firstEventId(client, base, null);
        assertThat(firstEventId(client, base, first)).as("first event after Last-Event-ID " + first).isEqualTo(first + 1);
    }

    /** Opens /ticker/sse (resuming after {@code lastEventId}), returns the first event's id, drops the stream. */
    private static long firstEventId(HttpClient client, String base, Long lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/ticker/sse")).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        HttpResponse<java.util.stream.Stream<String>> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/event-stream");
        try (java.util.stream.Stream<String> lines = response.body()) {
            return lines.filter(line -> line.startsWith("id:")).findFirst()
                    .map(line -> Long.parseLong(line.substring(3).strip())).orElseThrow();
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
