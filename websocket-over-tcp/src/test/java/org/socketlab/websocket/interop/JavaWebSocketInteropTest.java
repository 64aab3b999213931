package org.socketlab.websocket.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.junit.jupiter.api.AfterEach;
import org.socketlab.websocket.interop.JavaWebSocketPeers.EchoServer;
import org.socketlab.websocket.interop.JavaWebSocketPeers.RecordingClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.ClientScenario;
import org.socketlab.websocket.testing.InteropServer;
import org.socketlab.websocket.testing.Payloads;
import org.socketlab.websocket.testing.TestCertificates;

/** Java-WebSocket 1.6.0 (TooTallNate) as client of our server and as server for our client. */
@Timeout(60)
class JavaWebSocketInteropTest {

    private static final long WAIT_MS = JavaWebSocketPeers.WAIT_MS;

    private static Draft chatDraft() {
        // Protocol("") lets connections that offer no subprotocol through.
        List<IProtocol> protocols = List.of(new Protocol("chat"), new Protocol(""));
        return new Draft_6455(List.of(), protocols);
    }

    @Nested
    class TheirClientAgainstOurServer {
        private WebSocketServer server;

        @AfterEach
        void stop() {
            server.stop(Duration.ofSeconds(2));
        }

        @Test
        void everySizeFragmentsPingCloseCodesAndSubprotocol() throws Exception {
            server = InteropServer.start(null);
            RecordingClient client = new RecordingClient(URI.create(server.uri("/echo")), chatDraft());
            assertThat(client.connectBlocking(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(client.getProtocol().getProvidedProtocol()).isEqualTo("chat");
            for (int size : Payloads.SIZES) {
                client.send(Payloads.text(size));
                assertThat(client.next()).as("text echo of %d chars", size).isEqualTo(Payloads.text(size));
                client.send(Payloads.binary(size));
                assertThat(client.next()).as("binary echo of %d bytes", size).isEqualTo(Payloads.binary(size));
            }
            client.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap("frag-".getBytes()), false);
            client.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap("ment-".getBytes()), false);
            client.sendFragmentedFrame(Opcode.TEXT, ByteBuffer.wrap("ed".getBytes()), true);
            assertThat(client.next()).isEqualTo("frag-ment-ed");
            client.sendPing();
            assertThat(client.pong.await(WAIT_MS, TimeUnit.MILLISECONDS)).as("pong received").isTrue();
            client.close(4001, "client-bye");
            assertThat(client.closed.get(WAIT_MS, TimeUnit.MILLISECONDS)).as("the server echoes the code (RFC 6455 §5.5.1)").startsWith("4001 ");

            RecordingClient second = new RecordingClient(URI.create(server.uri("/echo")), chatDraft());
            assertThat(second.connectBlocking(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
            second.send("close:4002:server-bye");
            assertThat(second.closed.get(WAIT_MS, TimeUnit.MILLISECONDS)).isEqualTo("4002 server-bye");
        }
    }

    @Nested
    class OurClientAgainstTheirServer {
        private EchoServer server;

        @AfterEach
        void stop() throws InterruptedException {
            server.stop(2_000);
        }

        private EchoServer startServer() throws InterruptedException {
            server = new EchoServer(chatDraft());
            return server;
        }

        @Test
        void everySizeFragmentsPingAndCloseCodes_overWs() throws Exception {
            EchoServer echo = startServer();
            echo.start();
            assertThat(echo.started.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
            ClientScenario.run(URI.create("ws://127.0.0.1:" + echo.getPort() + "/"), ClientOptions.defaults());
            // Java-WebSocket reports onClose once its TCP side is closed, which can happen after
            // the scenario's second connection has already closed: the order is not fixed.
            List<String> closes = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                closes.add(echo.closes.poll(WAIT_MS, TimeUnit.MILLISECONDS));
            }
            assertThat(closes).as("close codes seen by their server")
                    .containsExactlyInAnyOrder("4001 client-bye", "4002 server-bye");
        }

        @Test
        void everySizeFragmentsPingAndCloseCodes_overWss() throws Exception {
            TestCertificates certificates = TestCertificates.get();
            EchoServer echo = startServer();
            echo.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(certificates.serverContext()));
            echo.start();
            assertThat(echo.started.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
            URI uri = URI.create("wss://localhost:" + echo.getPort() + "/");
            ClientOptions options = ClientOptions.defaults().sslContext(certificates.clientContext());
            try {
                ClientScenario.run(uri, options);
                return;
            } catch (java.net.SocketTimeoutException stalled) {
                // Java-WebSocket's TLS server (SSLSocketChannel2) now and then never answers the
                // first upgrade on a loaded machine (its issue #1418: a request that arrives in the
                // same read as the TLS handshake's last record is lost). That is the peer's flaw, not
                // ours: retry the whole scenario once on a new connection, but only when the
                // handshake stalled.
                boolean inHandshake = java.util.Arrays.stream(stalled.getStackTrace())
                        .anyMatch(frame -> frame.getMethodName().equals("connect")
                                && frame.getClassName().endsWith("WebSocketClient"));
                if (!inHandshake) {
                    throw stalled;
                }
                System.err.println("Java-WebSocket's wss server did not answer the upgrade; retrying once: " + stalled);
            } catch (AssertionError stalled) {
                // The same channel also leaves a decrypted record unprocessed until more bytes
                // arrive (its issues #424 and #665), so an echo can stay inside their server. Seen
                // once in many runs; a stall in two fresh connections in a row fails the test.
                if (!String.valueOf(stalled.getMessage()).startsWith("no message within")) {
                    throw stalled;
                }
                System.err.println("Java-WebSocket's wss server held back an echo; retrying once: " + stalled);
            }
            ClientScenario.run(uri, options); // the retry, on a new connection
        }
    }
}
