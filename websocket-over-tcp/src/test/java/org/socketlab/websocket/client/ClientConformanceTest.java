package org.socketlab.websocket.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RawWebSocket.RawFrame;
import org.socketlab.websocket.testing.RecordingHandler;

/**
 * The client side of the Autobahn-style cases: a raw server sends the violating bytes and the
 * test asserts the close code our client answers with (RFC 6455 §7.4.1).
 */
@Timeout(30)
class ClientConformanceTest {

    private ServerSocket rawServer;
    private RawWebSocket peer;
    private Session session;
    private RecordingHandler handler;

    @BeforeEach
    void connect() throws Exception {
        rawServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        var accepted = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return RawWebSocket.serverSide(rawServer.accept(), "");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        handler = new RecordingHandler();
        session = WebSocketClient.connect(URI.create("ws://127.0.0.1:" + rawServer.getLocalPort() + "/"), handler);
        peer = accepted.get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws IOException {
        peer.close();
        rawServer.close();
    }

    /** Reads until the client's close frame and returns its code. */
    private int clientCloseCode() throws IOException {
        RawFrame frame;
        do {
            frame = peer.readFrame();
        } while (frame.opcode() != 0x8);
        assertThat(frame.masked()).isTrue();
        return frame.closeCode();
    }

    @Test
    void maskedServerFrame_closesWith1002() throws IOException {
        peer.sendRaw(RawWebSocket.frame(true, 0, 0x1, "masked".getBytes(StandardCharsets.UTF_8), true));
        assertThat(clientCloseCode()).isEqualTo(1002);
    }

    @ParameterizedTest(name = "reserved opcode 0x{0}")
    @ValueSource(ints = {3, 7, 0xB, 0xF})
    void reservedOpcode_closesWith1002(int opcode) throws IOException {
        peer.sendFrame(true, 0, opcode, new byte[0]);
        assertThat(clientCloseCode()).isEqualTo(1002);
    }

    @Test
    void reservedBit_closesWith1002() throws IOException {
        peer.sendFrame(true, 4, 0x1, "rsv1".getBytes(StandardCharsets.UTF_8));
        assertThat(clientCloseCode()).isEqualTo(1002);
    }

    @Test
    void invalidUtf8_closesWith1007() throws IOException {
        peer.sendFrame(0x1, new byte[] {(byte) 0xC0, (byte) 0xAF});
        assertThat(clientCloseCode()).isEqualTo(1007);
    }

    @ParameterizedTest(name = "close code {0} from the server")
    @ValueSource(ints = {999, 1005, 1006, 1015, 2000, 5000})
    void invalidCloseCodeFromTheServer_closesWith1002(int code) throws IOException {
        peer.sendClose(code, "");
        assertThat(clientCloseCode()).isEqualTo(1002);
    }

    @Test
    void invalidUtf8InAFirstFragment_closesWith1007WithoutWaitingForTheRest() throws IOException {
        peer.sendFrame(false, 0, 0x1, new byte[] {(byte) 0xCE, (byte) 0xBA, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        assertThat(clientCloseCode()).isEqualTo(1007);
    }

    @Test
    void oversizedPing_closesWith1002() throws IOException {
        peer.sendFrame(0x9, new byte[126]);
        assertThat(clientCloseCode()).isEqualTo(1002);
    }

    @Test
    void ping_isAnsweredWithAMaskedPongCarryingTheSamePayload() throws IOException {
        peer.sendFrame(0x9, "are you there".getBytes(StandardCharsets.UTF_8));
        RawFrame pong = peer.readFrame();
        assertThat(pong.opcode()).isEqualTo(0xA);
        assertThat(pong.masked()).isTrue();
        assertThat(pong.text()).isEqualTo("are you there");
    }

    @Test
    void fragmentedServerMessage_isDeliveredWhole() throws Exception {
        peer.sendFrame(false, 0, 0x1, "frag".getBytes(StandardCharsets.UTF_8));
        peer.sendFrame(true, 0, 0x0, "ment".getBytes(StandardCharsets.UTF_8));
        assertThat(handler.nextMessage(java.time.Duration.ofSeconds(5))).isEqualTo("fragment");
    }

    @Test
    void serverClose_isEchoedAndTheClientWaitsForTheServerToCloseTcp() throws Exception {
        peer.sendClose(4321, "server says bye");
        assertThat(clientCloseCode()).isEqualTo(4321);
        // RFC 6455 §7.1.1: the client waits for the server to close TCP first. Give it 300 ms
        // to misbehave: the read must time out rather than see end-of-stream.
        peer.socket().setSoTimeout(300);
        assertThatThrownBy(() -> peer.socket().getInputStream().read())
                .as("the client must not close TCP before the server").isInstanceOf(SocketTimeoutException.class);
        peer.close(); // the server closes TCP first
        CloseStatus status = session.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(status.code()).isEqualTo(4321);
        assertThat(status.reason()).isEqualTo("server says bye");
        assertThat(status.clean()).isTrue();
    }
}
