package org.socketlab.bench.deflate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.bench.load.ServerProcess;

/**
 * The compression benchmark runs against each compressing server (in its own JVM, as in a real
 * run) and measures what it claims: chat JSON crosses in far fewer bytes than it has, random bytes
 * do not shrink, and messages flow. Not how fast: CI machines say nothing about speed.
 */
@Timeout(120)
class DeflateBenchmarkSmokeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"socketlab-deflate", "netty-deflate"})
    void chatJsonShrinksOnTheWire_randomBytesDoNot(String kind) throws Exception {
        try (ServerProcess server = ServerProcess.start(kind, "256m")) {
            EchoRun.Row chat = EchoRun.measure(server, true, false, 2, 0.1, 0.5);
            EchoRun.Row random = EchoRun.measure(server, true, true, 1, 0.1, 0.5);
            assertThat(chat.messagesPerSecond()).as("%s", chat.line()).isPositive();
            assertThat(chat.bytesReceivedPerMessage()).as("server→client bytes per chat message with takeover: %s", chat.line())
                    .isLessThan(chat.rawBytesPerMessage() * 0.5);
            assertThat(chat.bytesSentPerMessage()).as("client→server: %s", chat.line())
                    .isLessThan(chat.rawBytesPerMessage() * 0.5);
            assertThat(random.bytesReceivedPerMessage()).as("random bytes do not shrink: %s", random.line())
                    .isGreaterThan(random.rawBytesPerMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void withoutAnOffer_theSameServerSendsEveryByte() throws Exception {
        try (ServerProcess server = ServerProcess.start("socketlab-deflate", "256m")) {
            EchoRun.Row plain = EchoRun.measure(server, false, false, 1, 0.1, 0.3);
            // a 2-byte header (7-bit length, unmasked) on every echo of a 100–250-byte message: 126+ needs 4
            assertThat(plain.bytesReceivedPerMessage() - plain.rawBytesPerMessage()).as("%s", plain.line())
                    .isBetween(2.0, 4.0);
        }
    }

    @org.junit.jupiter.api.Test
    void zlibObjects_costMoreWithContextTakeover() throws Exception {
        var rows = ZlibCost.measure(300);
        double deflaterTakeover = rows.stream().filter(row -> row.object().equals("MessageDeflater") && row.takeover())
                .findFirst().orElseThrow().rssPerObject();
        double deflaterReleased = rows.stream().filter(row -> row.object().equals("MessageDeflater") && !row.takeover())
                .findFirst().orElseThrow().rssPerObject();
        assertThat(deflaterTakeover).as("a deflater that keeps its window holds zlib's state (rows %s)", rows)
                .isGreaterThan(deflaterReleased + 16 * 1024);
    }
}
