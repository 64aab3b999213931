package org.socketlab.websocket.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.TestProcesses;

/** The stable-name mains, run as separate JVMs exactly as the README shows. */
@Timeout(60)
class EchoMainsTest {

    @Test
    void echoServerPrintsItsUrl_andEchoClientGetsItsMessageBack() throws Exception {
        try (PeerProcess server = TestProcesses.java(EchoServer.class, "--host", "127.0.0.1", "--port", "0", "--path", "/echo")) {
            String ready = server.awaitLine(line -> line.startsWith("listening on "), Duration.ofSeconds(20));
            assertThat(ready).matches("listening on ws://127\\.0\\.0\\.1:\\d+/echo");
            String url = ready.substring("listening on ".length());
            try (PeerProcess client = TestProcesses.java(EchoClient.class, "--url", url, "--send", "hello lab")) {
                List<String> output = client.awaitExit(Duration.ofSeconds(20));
                assertThat(output).as(client.describe()).contains("received: hello lab");
                assertThat(output).as(client.describe()).anyMatch(line -> line.startsWith("closed 1000") && line.endsWith("(clean)"));
            }
        }
    }

    @Test
    void unknownArgument_isExplainedWithUsage() throws Exception {
        try (PeerProcess server = TestProcesses.java(EchoServer.class, "--prot", "9001")) {
            server.awaitExit(Duration.ofSeconds(20));
            assertThat(server.describe()).contains("EchoServer: Unknown options: '--prot', '9001'")
                    .contains("try: EchoServer --help").doesNotContain("Exception");
        }
    }

}
