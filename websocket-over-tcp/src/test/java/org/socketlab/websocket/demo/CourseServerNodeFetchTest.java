package org.socketlab.websocket.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.Peers;

/**
 * Issue 16: Node 20's built-in fetch (undici, keep-alive pool) makes sequential requests to
 * every HTTP route of the one-port course server — static file, {@code @connections}, poll,
 * long poll, Engine.IO polling with an echo — over one pooled connection, with no reset and no
 * "socket hang up"; then an SSE stream is resumed with {@code Last-Event-ID}. Connections are
 * counted on both sides (undici's {@code undici:client:connected} channel, the server's accept count).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CourseServerNodeFetchTest {

    @Test
    void nodeFetch_reusesOnePooledConnection_forEveryHttpRoute() throws Exception {
        Peers.requireNodeWs();
        try (CourseServer server = CourseServer.start("127.0.0.1", 0, new CourseServer.Options(Duration.ofMillis(300),
                Duration.ofMillis(200), 1_000_000, "0123456789abcdef0123456789abcdef"));
             PeerProcess node = Peers.startNode("fetch_keepalive.js", "http://127.0.0.1:" + server.port(),
                     server.apiKey())) {
            List<String> transcript = node.awaitExit(Duration.ofSeconds(60));
            String all = String.join("\n", transcript);
            assertThat(transcript).as("node's transcript:%n%s", all).contains("POOLED PHASE DONE", "ENGINE.IO ECHO 4hello");
            assertThat(all).doesNotContain("FAILED").doesNotContain("connection=close");
            Matcher resumed = Pattern.compile("SSE RESUMED after (\\d+) at (\\d+)").matcher(all);
            assertThat(resumed.find()).as("an SSE resume line in:%n%s", all).isTrue();
            assertThat(Long.parseLong(resumed.group(2))).as("first event after Last-Event-ID " + resumed.group(1))
                    .isEqualTo(Long.parseLong(resumed.group(1)) + 1);
            int pooledPhase = transcript.indexOf("POOLED PHASE DONE");
            long openedForPooledPhase = transcript.subList(0, pooledPhase).stream()
                    .filter(line -> line.startsWith("NEW CONNECTION")).count();
            long requests = transcript.subList(0, pooledPhase).stream()
                    .filter(line -> line.startsWith("GET ") || line.startsWith("POST ")).count();
            // undici may open a second socket when a request is issued in the same tick the
            // previous one completes; every later request must find a pooled one.
            assertThat(openedForPooledPhase)
                    .as("connections undici opened for %d sequential requests; node:%n%s", requests, all)
                    .isBetween(1L, 2L);
            long openedInAll = transcript.stream().filter(line -> line.startsWith("NEW CONNECTION")).count();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.frontDoor().acceptedConnections() < openedInAll && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(server.frontDoor().acceptedConnections())
                    .as("connections the server accepted vs the %d undici opened (none dropped and redialled); node:%n%s",
                            openedInAll, all)
                    .isEqualTo(openedInAll);
        }
    }
}
