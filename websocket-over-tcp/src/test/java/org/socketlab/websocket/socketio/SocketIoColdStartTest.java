package org.socketlab.websocket.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.TestProcesses;

/**
 * The first client of a freshly started JVM: with pingInterval 300 ms and pingTimeout 200 ms
 * (the protocol test suite's settings), the official socket.io-client's polling handshake,
 * CONNECT and upgrade probe must complete well inside 500 ms, and the session must survive its
 * first heartbeats. Each run starts a new server JVM ({@link ColdStartServerMain}); the bound is
 * on the client's clock, from {@code io(url)} to the end of the upgrade.
 */
class SocketIoColdStartTest {

    private static final int RUNS = 3;
    private static final long BOUND_MILLIS = 500;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void firstClientOfAFreshJvm_connectsAndUpgradesWithin500ms_andStaysAlive() throws Exception {
        List<String> report = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            try (PeerProcess server = TestProcesses.java(ColdStartServerMain.class)) {
                int port = server.awaitPort(Duration.ofSeconds(30));
                try (PeerProcess client = SocketIoPeers.startColdStartClient("http://127.0.0.1:" + port)) {
                    client.awaitLine(line -> line.equals("DONE"), Duration.ofSeconds(20));
                    List<String> lines = client.awaitExit(Duration.ofSeconds(10));
                    report.add("run " + run + ": " + lines);
                    long upgraded = lines.stream().filter(l -> l.startsWith("UPGRADED ")).mapToLong(
                            l -> Long.parseLong(l.substring(9).trim())).findFirst().orElse(Long.MAX_VALUE);
                    assertThat(upgraded).as("ms to connect and upgrade, run " + run + "; so far " + report)
                            .isLessThan(BOUND_MILLIS);
                    assertThat(lines).as("run " + run + "; so far " + report).contains("ALIVE")
                            .noneMatch(l -> l.startsWith("DISCONNECT"));
                }
            }
        }
        System.out.println("cold start: " + report);
    }
}
