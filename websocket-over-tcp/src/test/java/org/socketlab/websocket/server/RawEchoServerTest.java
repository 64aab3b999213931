package org.socketlab.websocket.server;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.socketlab.websocket.demo.EchoServer;
import org.socketlab.websocket.testing.RawWebSocket;

/**
 * Base of the end-to-end conformance suites: one echo server per test class on a loopback port,
 * and a fresh raw connection {@link #ws} per test, so each case starts from the opening handshake.
 * One instance per class holds the server; {@code ws} is replaced before every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RawEchoServerTest {

    private final long maxMessageSize;
    private WebSocketServer server;
    protected RawWebSocket ws;

    RawEchoServerTest(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * The transport under test; a subclass runs the same cases on the event loop. (A method, not
     * a constructor argument: JUnit wants one constructor per test class.)
     */
    ConnectionThreads threads() {
        return ConnectionThreads.VIRTUAL;
    }

    @BeforeAll
    void startEchoServer() throws IOException {
        server = EchoServer.start("127.0.0.1", 0, "/", maxMessageSize, threads());
    }

    @AfterAll
    void stopEchoServer() {
        server.stop(Duration.ofSeconds(2));
    }

    @BeforeEach
    void connect() throws IOException {
        ws = RawWebSocket.connect(server.port(), "/");
    }

    @AfterEach
    void disconnect() throws IOException {
        ws.close();
    }
}
