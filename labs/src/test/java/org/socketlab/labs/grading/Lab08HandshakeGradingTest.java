package org.socketlab.labs.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.Lab08Handshake;
import org.socketlab.websocket.handshake.AcceptKey;
import org.socketlab.websocket.server.WebSocketServer;

/** Lab 08 — the WebSocket handshake. Guide: labs/guides/08-handshake.md. */
@Timeout(20)
class Lab08HandshakeGradingTest {

    private static final String GUIDE = "labs/guides/08-handshake.md";
    private WebSocketServer server;

    @BeforeEach
    void start() throws IOException {
        server = Lab08Handshake.startServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String hint(String what, String section) {
        return what + " — read " + GUIDE + ", section \"" + section + "\"";
    }

    @Test
    @Points(2)
    @DisplayName("Your accept key for the RFC's sample key is s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    void acceptKeyOfTheSampleKey() {
        assertThat(AcceptKey.compute("dGhlIHNhbXBsZSBub25jZQ=="))
                .as(hint("AcceptKey.compute(\"dGhlIHNhbXBsZSBub25jZQ==\"): base64(SHA-1(key + GUID))", "Background"))
                .isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    @Points(3)
    @DisplayName("Your server answers a hand-typed upgrade with 101 and the right Sec-WebSocket-Accept")
    void upgradeGets101() throws IOException {
        try (WsWire wire = WsWire.upgrade(server.port(), "/chat", "")) {
            assertThat(wire.status()).as(hint("status of the response to a valid upgrade:\n" + wire.responseHead,
                    "Step 2")).isEqualTo(101);
            assertThat(wire.responseHead.toLowerCase())
                    .as(hint("the 101 must carry the accept key of the sample key", "Step 1"))
                    .contains("sec-websocket-accept: s3ppLMBiTxaQ9kYGzzhZRbK+xOo=".toLowerCase());
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your server refuses an Origin that is not on its allow-list with 403")
    void refusedOrigin() throws IOException {
        try (WsWire wire = WsWire.upgrade(server.port(), "/chat", "Origin: http://evil.example\r\n")) {
            assertThat(wire.status()).as(hint("status for Origin: http://evil.example:\n" + wire.responseHead,
                    "Step 3")).isEqualTo(403);
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your server picks the first subprotocol of the client's list that it speaks")
    void subprotocolChosen() throws IOException {
        try (WsWire wire = WsWire.upgrade(server.port(), "/chat", "Sec-WebSocket-Protocol: mqtt, superchat, chat\r\n")) {
            assertThat(wire.status()).isEqualTo(101);
            assertThat(wire.responseHead.toLowerCase())
                    .as(hint("offered mqtt, superchat, chat; the server speaks chat and superchat", "Step 2"))
                    .contains("sec-websocket-protocol: superchat\r\n");
        }
    }

    @Test
    @Points(1)
    @DisplayName("Your server answers an unknown path with 404")
    void unknownPath() throws IOException {
        try (WsWire wire = WsWire.upgrade(server.port(), "/nowhere", "")) {
            assertThat(wire.status()).as(hint("status for GET /nowhere", "Step 4")).isEqualTo(404);
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your server answers an unsupported Sec-WebSocket-Version with 426 and the version it speaks")
    void wrongVersion() throws IOException {
        String request = Lab08Handshake.request(server.port(), "/chat", "").replace("Version: 13", "Version: 8");
        try (WsWire wire = WsWire.exchange(server.port(), request)) {
            assertThat(wire.status()).as(hint("status for Sec-WebSocket-Version: 8", "Experiments")).isEqualTo(426);
            assertThat(wire.responseHead.toLowerCase()).contains("sec-websocket-version: 13");
        }
    }

    @Test
    @Points(1)
    @DisplayName("The lab 08 main runs from start to end and shows the accept key step by step")
    void labMainRuns() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Lab08Handshake.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(output).as(hint("the narration of Lab08Handshake", "What you should see"))
                .contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=").contains("HTTP/1.1 101").contains("HTTP/1.1 403")
                .contains("HTTP/1.1 404");
    }
}
