package org.socketlab.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.ClientScenario;
import org.socketlab.websocket.testing.InteropServer;
import org.socketlab.websocket.testing.Payloads;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.PeerTranscripts;
import org.socketlab.websocket.testing.Peers;

/**
 * permessage-deflate (RFC 7692) with real peers, both directions: Node's {@code ws} with
 * {@code perMessageDeflate} (with and without context takeover) and Python websockets 10.4
 * (compression on by default). Every message of the shared scenario — 0 B to 1 MiB, text and
 * binary, fragmented — crosses compressed.
 */
@Timeout(90)
class PerMessageDeflateInteropTest {

    private PeerProcess peer;
    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    /** Our server's settings for a peer that wants ({@code takeover}) or refuses context takeover. */
    private static DeflateConfig serverConfig(String mode) {
        return DeflateConfig.defaults().withMinCompressSize(0).withServerNoContextTakeover(mode.equals("no-takeover"))
                .withClientNoContextTakeover(mode.equals("no-takeover"));
    }

    /** Our client's offer: with "no-takeover" it asks for server_no_context_takeover. */
    private static DeflateConfig clientConfig(String mode) {
        return serverConfig(mode);
    }

    @Nested
    class NodeWs {

        @ParameterizedTest(name = "ws client ({0}) against our server")
        @ValueSource(strings = {"takeover", "no-takeover"})
        void wsClientAgainstOurServer_everyMessageCompressed(String mode) throws Exception {
            server = InteropServer.start(null, serverConfig(mode));
            peer = Peers.startNode("ws_client.js", server.uri("/echo"), "--deflate", mode);
            List<String> transcript = peer.awaitExit(Duration.ofSeconds(60));
            PeerTranscripts.assertScenarioPassed(transcript);
            String all = String.join("\n", transcript);
            assertThat(transcript).as("transcript:\n%s", all).anyMatch(line -> line.startsWith("EXTENSIONS permessage-deflate"));
            assertThat(transcript).as("our 1 MiB echo crossed compressed; transcript:\n%s", all)
                    .contains("PASS deflate-on-the-wire");
        }

        @ParameterizedTest(name = "our client ({0}) against a ws server")
        @ValueSource(strings = {"takeover", "no-takeover"})
        void ourClientAgainstWsServer_everyMessageCompressed(String mode) throws Exception {
            peer = Peers.startNode("ws_server.js", "--deflate", mode);
            int port = peer.awaitPort(Duration.ofSeconds(20));
            ClientScenario.run(URI.create("ws://127.0.0.1:" + port + "/"),
                    ClientOptions.defaults().permessageDeflate(clientConfig(mode)));
            assertThat(peer.awaitLine(line -> line.startsWith("EXTENSIONS"), Duration.ofSeconds(10)))
                    .startsWith("EXTENSIONS permessage-deflate");
            String bytesRead = peer.awaitLine(line -> line.startsWith("BYTESREAD"), Duration.ofSeconds(10));
            long read = Long.parseLong(bytesRead.substring("BYTESREAD ".length()));
            long uncompressed = 2L * Payloads.SIZES.stream().mapToLong(Integer::longValue).sum();
            assertThat(read).as("bytes the ws server read from our client (the messages total %d uncompressed)",
                    uncompressed).isLessThan(uncompressed / 10);
        }
    }

    @Nested
    class PythonWebsockets {

        @org.junit.jupiter.api.Test
        void websocketsClientAgainstOurServer_negotiatesAndPasses() throws Exception {
            server = InteropServer.start(null, serverConfig("takeover"));
            peer = Peers.startPython("websockets_client.py", server.uri("/echo"));
            List<String> transcript = peer.awaitExit(Duration.ofSeconds(60));
            PeerTranscripts.assertScenarioPassed(transcript);
            assertThat(transcript).as("transcript:\n%s", String.join("\n", transcript))
                    .contains("EXTENSIONS permessage-deflate");
        }

        @ParameterizedTest(name = "our client ({0}) against a websockets server")
        @ValueSource(strings = {"takeover", "no-takeover"})
        void ourClientAgainstWebsocketsServer_negotiatesAndPasses(String mode) throws Exception {
            peer = Peers.startPython("websockets_server.py");
            int port = peer.awaitPort(Duration.ofSeconds(20));
            ClientScenario.run(URI.create("ws://127.0.0.1:" + port + "/"),
                    ClientOptions.defaults().permessageDeflate(clientConfig(mode)));
            assertThat(peer.awaitLine(line -> line.startsWith("EXTENSIONS"), Duration.ofSeconds(10)))
                    .isEqualTo("EXTENSIONS permessage-deflate");
        }
    }
}
