package org.socketlab.websocket.socketio;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.socketlab.websocket.testing.PeerProcess;
import org.socketlab.websocket.testing.Peers;

/** Starts peers/socketio_client.js; skips (or fails when SOCKETLAB_REQUIRE_PEERS=true) without socket.io-client. */
final class SocketIoPeers {

    private SocketIoPeers() {
    }

    static PeerProcess startClient(String url, String mode) throws IOException {
        return start("socketio_client.js", url, mode);
    }

    /** peers/socketio_coldstart.js: times the first connection and upgrade. */
    static PeerProcess startColdStartClient(String url) throws IOException {
        return start("socketio_coldstart.js", url);
    }

    private static PeerProcess start(String script, String... args) throws IOException {
        boolean present = Files.isDirectory(Peers.repositoryRoot().resolve(".ci/node/node_modules/socket.io-client"));
        String hint = "socket.io-client is missing: run `cd .ci/node && npm ci` (needs node on PATH)";
        if (!present && "true".equalsIgnoreCase(System.getenv("SOCKETLAB_REQUIRE_PEERS"))) {
            fail("SOCKETLAB_REQUIRE_PEERS=true but a peer is missing. " + hint);
        }
        assumeTrue(present, hint);
        return Peers.startNode(script, args);
    }
}
