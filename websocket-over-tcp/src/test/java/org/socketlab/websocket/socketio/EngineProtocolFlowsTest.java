package org.socketlab.websocket.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.socketio.engine.EngineServer;
import org.socketlab.websocket.socketio.testsuite.ProtocolSuiteHandlers;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.Peers;

/**
 * The request flows of the official Engine.IO / Socket.IO protocol test suites, sent by real
 * clients — Node 20's built-in {@code fetch} and the {@code ws} package — to a raw Engine.IO
 * echo and a Socket.IO server configured as the suites' reference server is
 * ({@link ProtocolSuiteHandlers}). See peers/engineio_protocol_flows.js for the checks.
 */
class EngineProtocolFlowsTest {

    private EngineServer engine;
    private SocketIoServer io;

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.stop(Duration.ofMillis(200));
        }
        if (io != null) {
            io.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everySuiteFlowPasses_withNodeFetchAndWs() throws Exception {
        engine = EngineServer.start(InetAddress.getLoopbackAddress(), 0, ProtocolSuiteHandlers.suiteConfig("/engine.io/"),
                ProtocolSuiteHandlers.engineEcho());
        io = ProtocolSuiteHandlers.mount(SocketIoServer.builder()
                .engine(config -> ProtocolSuiteHandlers.suiteConfig("/socket.io/")).build()).start();
        try (PeerProcess node = Peers.startNode("engineio_protocol_flows.js", String.valueOf(engine.port()),
                String.valueOf(io.port()))) {
            node.awaitLine(line -> line.startsWith("FAILURES "), Duration.ofSeconds(45));
            List<String> lines = node.awaitExit(Duration.ofSeconds(10));
            assertThat(lines).as(node.describe()).noneMatch(line -> line.startsWith("FAIL "))
                    .contains("FAILURES 0")
                    .filteredOn(line -> line.startsWith("PASS ")).hasSize(22);
        }
    }
}
