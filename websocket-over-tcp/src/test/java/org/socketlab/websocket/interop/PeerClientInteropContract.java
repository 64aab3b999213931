package org.socketlab.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import org.socketlab.websocket.testing.TestCertificates;

/**
 * The interop cases every external peer runs: its client against our server, and our client
 * against its server. A subclass only says how to start the peer's client and server scripts.
 */
@Timeout(60)
abstract class PeerClientInteropContract {

    protected PeerProcess peer;
    protected WebSocketServer server;

    /** Starts the peer's client script with {@code args} (URL first, then options). */
    protected abstract PeerProcess startPeerClient(String... args) throws IOException;

    /** Starts the peer's echo server script with {@code args}; it prints its port when ready. */
    protected abstract PeerProcess startPeerServer(String... args) throws IOException;

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
    class PeerClientAgainstOurServer {

        @Test
        void everySizeFragmentsPingAndCloseCodes_overWs() throws Exception {
            server = InteropServer.start(null);
            peer = startPeerClient(server.uri("/echo"));
            PeerTranscripts.assertScenarioPassed(peer.awaitExit(Duration.ofSeconds(45)));
        }

        @Test
        void everySizeFragmentsPingAndCloseCodes_overWss() throws Exception {
            TestCertificates certificates = TestCertificates.get();
            server = InteropServer.start(certificates.serverContext());
            String url = "wss://localhost:" + server.port() + "/echo";
            peer = startPeerClient(url, "--ca", certificates.certificatePem().toString());
            PeerTranscripts.assertScenarioPassed(peer.awaitExit(Duration.ofSeconds(45)));
        }

        @Test
        void refusedOrigin_gets403() throws Exception {
            server = InteropServer.start(null);
            peer = startPeerClient(server.uri("/private"), "--mode", "refused",
                    "--origin", InteropServer.EVIL_ORIGIN);
            List<String> transcript = peer.awaitExit(Duration.ofSeconds(20));
            assertThat(transcript).as(peer.describe()).contains("REFUSED 403");
        }

        @Test
        void allowedOrigin_opens() throws Exception {
            server = InteropServer.start(null);
            peer = startPeerClient(server.uri("/private"), "--mode", "refused",
                    "--origin", InteropServer.GOOD_ORIGIN);
            assertThat(peer.awaitExit(Duration.ofSeconds(20))).as(peer.describe()).contains("OPENED");
        }
    }

    @Nested
    class OurClientAgainstPeerServer {

        @Test
        void everySizeFragmentsPingAndCloseCodes_overWs() throws Exception {
            peer = startPeerServer();
            int port = peer.awaitPort(Duration.ofSeconds(20));
            ClientScenario.run(URI.create("ws://127.0.0.1:" + port + "/"), ClientOptions.defaults());
            assertThat(peer.awaitLine(line -> line.startsWith("CLOSED 4001"), Duration.ofSeconds(10)))
                    .isEqualTo("CLOSED 4001 client-bye");
        }
    }
}
