package org.socketlab.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.ClientScenario;
import org.socketlab.websocket.testing.InteropServer;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.PeerTranscripts;
import org.socketlab.websocket.testing.Peers;
import org.socketlab.websocket.testing.TestCertificates;

/** Node's ws (npm) against our server, and our client against a ws server. */
@Timeout(60)
class NodeWsInteropTest {

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

    @Nested
    class WsClientAgainstOurServer {

        @Test
        void everySizeFragmentsPingAndCloseCodes_overWs() throws Exception {
            server = InteropServer.start(null);
            peer = Peers.startNode("ws_client.js", server.uri("/echo"));
            PeerTranscripts.assertScenarioPassed(peer.awaitExit(Duration.ofSeconds(45)));
        }

        @Test
        void everySizeFragmentsPingAndCloseCodes_overWss() throws Exception {
            TestCertificates certificates = TestCertificates.get();
            server = InteropServer.start(certificates.serverContext());
            String url = "wss://localhost:" + server.port() + "/echo";
            peer = Peers.startNode("ws_client.js", url, "--ca", certificates.certificatePem().toString());
            PeerTranscripts.assertScenarioPassed(peer.awaitExit(Duration.ofSeconds(45)));
        }

        @Test
        void refusedOrigin_gets403() throws Exception {
            server = InteropServer.start(null);
            peer = Peers.startNode("ws_client.js", server.uri("/private"), "--mode", "refused",
                    "--origin", InteropServer.EVIL_ORIGIN);
            List<String> transcript = peer.awaitExit(Duration.ofSeconds(20));
            assertThat(transcript).as(peer.describe()).contains("REFUSED 403");
        }

        @Test
        void allowedOrigin_opens() throws Exception {
            server = InteropServer.start(null);
            peer = Peers.startNode("ws_client.js", server.uri("/private"), "--mode", "refused",
                    "--origin", InteropServer.GOOD_ORIGIN);
            assertThat(peer.awaitExit(Duration.ofSeconds(20))).as(peer.describe()).contains("OPENED");
        }
    }

    @Nested
    class OurClientAgainstWsServer {

        @Test
        void everySizeFragmentsPingAndCloseCodes_overWs() throws Exception {
            peer = Peers.startNode("ws_server.js");
            int port = peer.awaitPort(Duration.ofSeconds(20));
            ClientScenario.run(URI.create("ws://127.0.0.1:" + port + "/"), ClientOptions.defaults());
            assertThat(peer.awaitLine(line -> line.startsWith("CLOSED 4001"), Duration.ofSeconds(10)))
                    .isEqualTo("CLOSED 4001 client-bye");
        }

        @Test
        void everySizeFragmentsPingAndCloseCodes_overWss() throws Exception {
            TestCertificates certificates = TestCertificates.get();
            peer = Peers.startNode("ws_server.js", "--pfx", certificates.keyStore().toString(),
                    "--passphrase", new String(TestCertificates.PASSWORD));
            int port = peer.awaitPort(Duration.ofSeconds(20));
            ClientScenario.run(URI.create("wss://localhost:" + port + "/"),
                    ClientOptions.defaults().sslContext(certificates.clientContext()));
        }
    }
}
