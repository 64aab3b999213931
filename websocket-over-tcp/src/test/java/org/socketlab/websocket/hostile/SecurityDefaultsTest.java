package org.socketlab.websocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketlab.websocket.server.Endpoint;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.TestCertificates;
import org.socketlab.websocket.testing.TestEchoHandler;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/** Safe by default: origin allow-list, error pages that reflect nothing, TLS 1.2+ only. */
@Timeout(30)
@ExtendWith(StopAfterEachExtension.class)
class SecurityDefaultsTest {

    @StopAfterEach
    private WebSocketServer server;

    private int status(String path, String extraHeaders) throws IOException {
        try (RawWebSocket ws = RawWebSocket.exchange(server.port(), RawWebSocket.upgradeRequest(server.port(), path, extraHeaders))) {
            return ws.status();
        }
    }

    @Nested
    class OriginAllowListByDefault {
        @Test
        void aServerThatListsNoOrigin_refusesEveryBrowserOriginWith403() throws IOException {
            server = WebSocketServer.builder().endpoint("/", new TestEchoHandler()).start();
            assertThat(status("/", "Origin: http://evil.example\r\n")).isEqualTo(403);
            assertThat(status("/", "Origin: http://127.0.0.1:" + server.port() + "\r\n"))
                    .as("not even its own origin is implied").isEqualTo(403);
        }

        @Test
        void aClientThatSendsNoOrigin_isNotABrowser_andIsServed() throws IOException {
            server = WebSocketServer.builder().endpoint("/", new TestEchoHandler()).start();
            assertThat(status("/", "")).isEqualTo(101);
        }

        @Test
        void allowAnyOrigin_isTheExplicitOptIn_serverWideOrPerEndpoint() throws IOException {
            server = WebSocketServer.builder().allowAnyOrigin()
                    .endpoint("/public", new TestEchoHandler())
                    .endpoint(Endpoint.at("/listed", new TestEchoHandler()).allowedOrigins("http://good.example"))
                    .start();
            assertThat(status("/public", "Origin: http://anyone.example\r\n")).isEqualTo(101);
            assertThat(status("/listed", "Origin: http://anyone.example\r\n")).as("the endpoint's own list wins").isEqualTo(403);
            assertThat(status("/listed", "Origin: http://good.example\r\n")).isEqualTo(101);
        }

        @Test
        void anEndpointMayOptInAlone() throws IOException {
            server = WebSocketServer.builder()
                    .endpoint(Endpoint.at("/public", new TestEchoHandler()).allowAnyOrigin())
                    .endpoint("/private", new TestEchoHandler())
                    .start();
            assertThat(status("/public", "Origin: http://anyone.example\r\n")).isEqualTo(101);
            assertThat(status("/private", "Origin: http://anyone.example\r\n")).isEqualTo(403);
        }
    }

    @Nested
    class ErrorResponsesReflectNothing {
        private static final String PROBE = "<script>alert(1)</script>";

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "GET /%3Cscript%3E HTTP/1.1|Host: h",                        // 404, encoded
            "GET /nowhere?x=<script>alert(1)</script> HTTP/1.1|Host: h", // 400 or 404: '<' is not a target char
            "GET / HTTP/1.1|Host: h|Origin: http://<script>alert(1)</script>", // 403
            "POST /<script>alert(1)</script> HTTP/1.1|Host: h",          // 400/405
            "GET / HTTP/1.1|Host: h|Sec-WebSocket-Version: <script>alert(1)</script>", // 426
            "GET / HTTP/1.1|Host: h|<script>alert(1)</script>: x",       // 400, not a token
            "GET / HTTP/7.0|Host: <script>alert(1)</script>",            // 505
        })
        void theResponseNeverContainsTheRequestsOwnBytes(String lines) throws IOException {
            server = WebSocketServer.builder().endpoint("/", new TestEchoHandler()).start();
            String request = lines.replace("|", "\r\n") + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + RawWebSocket.SAMPLE_KEY + "\r\n\r\n";
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(response).as("a refusal").matches("(?s)HTTP/1\\.1 [45]\\d\\d .*")
                        .doesNotContain("<script").doesNotContain("script>").doesNotContain("alert(")
                        .doesNotContain("%3Cscript").doesNotContain("nowhere");
                assertThat(response).containsIgnoringCase("X-Content-Type-Options: nosniff");
            }
        }
    }

    @Nested
    class ManagementApiNeedsItsKey {
        private static final String KEY = "k3y-for-the-test";

        private String call(String requestHead) throws IOException {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
                socket.shutdownOutput();
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            }
        }

        @Test
        void connectionsApi_withoutOrWithAWrongKey_is403_andReflectsNothing() throws IOException {
            org.socketlab.websocket.routing.WebSocketApi api = org.socketlab.websocket.routing.WebSocketApi.builder()
                    .apiKey(KEY).build();
            server = api.install(WebSocketServer.builder(), "/ws").start();
            String target = "/@connections/%3Cscript%3Ealert(1)%3C%2Fscript%3E";
            String missing = call("GET " + target + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            String wrong = call("DELETE " + target + " HTTP/1.1\r\nHost: h\r\nx-api-key: <script>alert(1)</script>\r\n"
                    + "Connection: close\r\n\r\n");
            for (String response : List.of(missing, wrong)) {
                assertThat(response).startsWith("HTTP/1.1 403 ").doesNotContain("script").doesNotContain("alert");
            }
            String withKey = call("GET /@connections/no-such-id HTTP/1.1\r\nHost: h\r\nx-api-key: " + KEY
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(withKey).as("the right key gets past the check (to an unknown id)").startsWith("HTTP/1.1 4")
                    .doesNotStartWith("HTTP/1.1 403");
        }
    }

    @Nested
    class WssIsTls12OrLater {
        @Test
        void aClientHelloForTls11_isAnsweredWithAFatalAlert() throws Exception {
            server = WebSocketServer.builder().endpoint("/", new TestEchoHandler())
                    .tls(TestCertificates.get().serverContext()).start();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                // Written by hand, so no JDK client-side policy can refuse TLS 1.1 before the server does.
                out.write(clientHello(0x0302));
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                int contentType = in.readUnsignedByte();
                assertThat(contentType).as("record type: 21 = alert (RFC 5246 §6.2.1), 22 would be a ServerHello")
                        .isEqualTo(21);
                in.readUnsignedShort(); // record version
                in.readUnsignedShort(); // length
                int level = in.readUnsignedByte();
                int description = in.readUnsignedByte();
                assertThat(level).as("fatal").isEqualTo(2);
                assertThat(description).as("70 protocol_version or 40 handshake_failure (RFC 8446 §6.2)").isIn(70, 40);
            }
        }

        @Test
        void aClientHelloForTls12_getsAServerHello() throws Exception {
            server = WebSocketServer.builder().endpoint("/", new TestEchoHandler())
                    .tls(TestCertificates.get().serverContext()).start();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(clientHello(0x0303));
                assertThat(socket.getInputStream().read()).as("22 = handshake record (ServerHello)").isEqualTo(22);
            }
        }

        /**
         * A minimal ClientHello (RFC 5246 §7.4.1.2) for {@code version}, offering ECDHE-ECDSA and
         * ECDHE-RSA AES-GCM suites, with the extensions those need (supported_groups, ec_point_formats,
         * signature_algorithms).
         */
        private static byte[] clientHello(int version) {
            ByteBuffer body = ByteBuffer.allocate(512);
            body.putShort((short) version);
            body.put(new byte[32]); // random (zeros are fine for a refusal test)
            body.put((byte) 0); // session id
            short[] suites = {(short) 0xC02B, (short) 0xC02F, (short) 0xC009, (short) 0xC013, (short) 0x002F};
            body.putShort((short) (suites.length * 2));
            for (short suite : suites) {
                body.putShort(suite);
            }
            body.put((byte) 1).put((byte) 0); // compression: null
            ByteBuffer extensions = ByteBuffer.allocate(128);
            extensions.putShort((short) 10).putShort((short) 6).putShort((short) 4).putShort((short) 23).putShort((short) 24);
            extensions.putShort((short) 11).putShort((short) 2).put((byte) 1).put((byte) 0);
            extensions.putShort((short) 13).putShort((short) 8).putShort((short) 6)
                    .putShort((short) 0x0403).putShort((short) 0x0401).putShort((short) 0x0201);
            extensions.flip();
            body.putShort((short) extensions.remaining()).put(extensions);
            body.flip();
            ByteBuffer record = ByteBuffer.allocate(9 + body.remaining());
            record.put((byte) 22).putShort((short) 0x0301).putShort((short) (4 + body.remaining()));
            record.put((byte) 1).put((byte) 0).putShort((short) body.remaining()).put(body);
            return record.array();
        }
    }
}
