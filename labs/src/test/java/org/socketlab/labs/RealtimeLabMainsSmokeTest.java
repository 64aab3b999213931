package org.socketlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Labs 06 and 07 run to the end with small settings, narrate their steps and write the chart. */
@Timeout(40)
class RealtimeLabMainsSmokeTest {

    @Test
    void lab06TypesAGetByHand_pollsWithAndWithoutKeepAlive_andShowsTheErrorStatuses() throws Exception {
        String output = StandardOutput.capture(() -> Lab06HttpByHandAndPolling.main(
                new String[] {"--polls", "5", "--poll-ms", "10", "--interval-ms", "20"}));
        assertThat(output).contains("connect()", "GET /poll?since=0 HTTP/1.1", "Content-Length",
                "400 Bad Request", "431 Request Header Fields Too Large", "404 Not Found");
        // The lab stops its client after at least 5 polls; one more may be in flight when it
        // stops, so the count is 5 or 6. What matters: keep-alive reuses one connection,
        // without it every request pays for its own.
        java.util.regex.Matcher keepAlive = java.util.regex.Pattern
                .compile("([56]) requests over 1 TCP connection\\(s\\)").matcher(output);
        assertThat(keepAlive.find()).as("keep-alive: 5 or 6 requests over 1 connection in:%n%s", output).isTrue();
        java.util.regex.Matcher noKeepAlive = java.util.regex.Pattern
                .compile("([56]) requests over ([567]) TCP connection\\(s\\)").matcher(output);
        assertThat(noKeepAlive.find()).as("no keep-alive: one connection per request in:%n%s", output).isTrue();
        assertThat(Integer.parseInt(noKeepAlive.group(2))).as("connections without keep-alive")
                .isGreaterThanOrEqualTo(Integer.parseInt(noKeepAlive.group(1)));
    }

    @Test
    void lab07PrintsTheEnvelopes_theTable_andWritesThePng(@TempDir Path dir) throws Exception {
        Path chart = dir.resolve("overhead.png");
        String output = StandardOutput.capture(() -> Lab07LongPollingStreamingSse.main(new String[] {"--clients", "2",
                "--seconds", "1", "--interval-ms", "50", "--chart", chart.toString()}));
        assertThat(output).contains("WebSocket frame   55 bytes =  53 payload +   2 envelope", "| technique",
                "| long polling", "| WebSocket", "chart written to");
        assertThat(Files.size(chart)).isGreaterThan(1_000);
        byte[] magic = Files.readAllBytes(chart);
        assertThat(new String(magic, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
