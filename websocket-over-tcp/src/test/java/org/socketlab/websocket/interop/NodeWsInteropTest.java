package org.socketlab.websocket.interop;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.testing.ClientScenario;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.Peers;
import org.socketlab.websocket.testing.TestCertificates;

/** Node's ws (npm) against our server, and our client against a ws server. */
class NodeWsInteropTest extends PeerClientInteropContract {

    @Override
    protected PeerProcess startPeerClient(String... args) throws IOException {
        return Peers.startNode("ws_client.js", args);
    }

    @Override
    protected PeerProcess startPeerServer(String... args) throws IOException {
        return Peers.startNode("ws_server.js", args);
    }

    /** Only the Node peer serves TLS, so this case is not part of the shared contract. */
    @Nested
    class OurClientAgainstWsServerOverTls {

        @Test
        void everySizeFragmentsPingAndCloseCodes_overWss() throws Exception {
            TestCertificates certificates = TestCertificates.get();
            peer = startPeerServer("--pfx", certificates.keyStore().toString(),
                    "--passphrase", new String(TestCertificates.PASSWORD));
            int port = peer.awaitPort(Duration.ofSeconds(20));
            ClientScenario.run(URI.create("wss://localhost:" + port + "/"),
                    ClientOptions.defaults().sslContext(certificates.clientContext()));
        }
    }
}
