package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.http.HttpException;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RecordingHandler;
import org.socketlab.websocket.testing.TestEchoHandler;

/** permessage-deflate is opt-in per endpoint (or server-wide) and offered by the client only when asked. */
@Timeout(30)
class PermessageDeflateWiringTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n";

    private WebSocketServer server;
    private ServerSocket rawServer;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
        if (rawServer != null) {
            rawServer.close();
        }
    }

    private String responseTo(String path) throws IOException {
        try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), path, OFFER))) {
            return ws.responseHead();
        }
    }

    @Test
    void onlyTheEndpointThatOptedIn_acceptsTheOffer() throws IOException {
        server = WebSocketServer.builder()
                .endpoint(Endpoint.at("/compressed", new TestEchoHandler()).permessageDeflate(DeflateConfig.defaults()))
                .endpoint(Endpoint.at("/plain", new TestEchoHandler()))
                .start();
        assertThat(responseTo("/compressed")).startsWith("HTTP/1.1 101")
                .containsIgnoringCase("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover");
        assertThat(responseTo("/plain")).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
    }

    @Test
    void serverWideSetting_appliesToEveryEndpoint_andARegistrationCanOptIn() throws IOException {
        server = WebSocketServer.builder().endpoint("/a", new TestEchoHandler())
                .permessageDeflate(DeflateConfig.defaults().withServerNoContextTakeover(false)).start();
        assertThat(responseTo("/a")).containsIgnoringCase("Sec-WebSocket-Extensions: permessage-deflate\r\n");
        server.stop(Duration.ofSeconds(2));

        FrontDoor.Builder door = FrontDoor.builder();
        door.addHandler(new TestEchoHandler(), "/registered").setPermessageDeflate(DeflateConfig.defaults());
        door.addHandler(new TestEchoHandler(), "/other");
        try (FrontDoor started = door.start()) {
            String compressed;
            try (RawWebSocket ws = RawWebSocket.exchange(started.port(),
                    RawWebSocket.upgradeRequest(started.port(), "/registered", OFFER))) {
                compressed = ws.responseHead();
            }
            assertThat(compressed).containsIgnoringCase("permessage-deflate");
            try (RawWebSocket ws = RawWebSocket.exchange(started.port(),
                    RawWebSocket.upgradeRequest(started.port(), "/other", OFFER))) {
                assertThat(ws.responseHead()).doesNotContainIgnoringCase("permessage-deflate");
            }
        } finally {
            server = null;
        }
    }

    @ParameterizedTest(name = "server deflate on: {0}")
    @ValueSource(booleans = {true, false})
    void ourClientOffering_talksToOurServer_withOrWithoutTheExtension(boolean serverDeflate) throws Exception {
        WebSocketServer.Builder builder = WebSocketServer.builder().endpoint("/", new TestEchoHandler());
        if (serverDeflate) {
            builder.permessageDeflate(DeflateConfig.defaults());
        }
        server = builder.start();
        RecordingHandler handler = new RecordingHandler();
        Session session = WebSocketClient.connect(URI.create(server.uri("/")), handler,
                ClientOptions.defaults().permessageDeflate(DeflateConfig.defaults().withMinCompressSize(0)));
        String text = "compress me ".repeat(1000);
        session.sendText(text);
        assertThat(handler.nextMessage(WAIT)).isEqualTo(text);
        byte[] binary = new byte[70_000];
        session.sendBinary(ByteBuffer.wrap(binary));
        assertThat(handler.nextMessage(WAIT)).isEqualTo(binary);
        session.close(1000, "bye");
        assertThat(session.closeFuture().get().clean()).isTrue();
    }

    @ParameterizedTest(name = "response \"{0}\" fails the handshake")
    @ValueSource(strings = {
        "permessage-deflate; client_max_window_bits=7",  // out of range (§7.1.2.2)
        "permessage-deflate; unknown_parameter",        // §7.1
        "permessage-deflate; server_max_window_bits=16", // out of range (§7.1.2.1)
        "permessage-deflate; client_no_context_takeover; client_no_context_takeover", // duplicate
        "permessage-deflate, permessage-deflate",       // accepted twice
    })
    void invalidResponse_failsTheClientHandshake(String response) throws Exception {
        rawServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<RawWebSocket> raw = CompletableFuture.supplyAsync(() -> {
            try {
                return RawWebSocket.serverSide(rawServer.accept(), "Sec-WebSocket-Extensions: " + response + "\r\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        URI uri = URI.create("ws://127.0.0.1:" + rawServer.getLocalPort() + "/");
        assertThatThrownBy(() -> WebSocketClient.connect(uri, new RecordingHandler(),
                ClientOptions.defaults().permessageDeflate(DeflateConfig.defaults().withServerNoContextTakeover(false))))
                .isInstanceOf(HttpException.class).hasMessageContaining("permessage-deflate");
        assertThat(raw.get().responseHead()).as("our offer").containsIgnoringCase("Sec-WebSocket-Extensions: permessage-deflate");
    }

    @Test
    void clientWithoutTheOption_offersNothing() throws Exception {
        rawServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<RawWebSocket> raw = CompletableFuture.supplyAsync(() -> {
            try {
                return RawWebSocket.serverSide(rawServer.accept(), "");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Session session = WebSocketClient.connect(URI.create("ws://127.0.0.1:" + rawServer.getLocalPort() + "/"),
                new RecordingHandler());
        RawWebSocket peer = raw.get();
        assertThat(peer.responseHead()).doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
        peer.close();
        session.closeFuture().get();
    }
}
