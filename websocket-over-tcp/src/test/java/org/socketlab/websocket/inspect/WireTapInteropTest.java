package org.socketlab.websocket.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socketlab.tcp.wire.WireTap;
import org.socketlab.websocket.demo.EchoServer;
import org.socketlab.websocket.server.WebSocketServer;

/**
 * Real WebSocket implementations talk through the tap: the JDK's {@code java.net.http.WebSocket}
 * client with Python's {@code websockets} server, and with our own demo {@code EchoServer}. The tap must
 * relay them unchanged (they complete a conversation and a clean close) and the dissector must
 * describe their real frames — masked with the client's own random keys.
 */
@Timeout(60)
class WireTapInteropTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String HINT = "Python websockets is not installed: `sudo apt-get install -y python3-websockets` "
            + "(run with /usr/bin/python3; .ci/run installs it)";

    private Process python;

    @AfterEach
    void stopPython() {
        if (python != null) {
            python.destroy();
        }
    }

    @Test
    void jdkClientToPythonServerThroughTheTap(@TempDir Path dir) throws Exception {
        int serverPort = startPythonEchoServer(dir);
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (WireTap tap = WireTap.builder().target(new InetSocketAddress(loopback, serverPort))
                .dissectors(HttpWebSocketDissector::new).output(output::add).start()) {
            Collector collector = new Collector();
            WebSocket webSocket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + tap.port() + "/echo"), collector).get(10, TimeUnit.SECONDS);
            webSocket.sendText("Hello through the tap", true).get(10, TimeUnit.SECONDS);
            assertThat(collector.echo.get(10, TimeUnit.SECONDS)).isEqualTo("Hello through the tap");
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            assertThat(collector.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        }
        String text = String.join("\n", output);
        assertThat(text).as("tap output:%n%s", text)
                .contains("WebSocket upgrade requested: key ", "✓ correct", "  text \"Hello through the tap\"",
                        "  close code 1000 (normal closure) reason \"bye\"")
                .containsPattern("frame @\\d+: FIN=1 opcode=0x1 TEXT MASK=1 key=[0-9a-f]{8} length=21")
                .containsPattern("frame @\\d+: FIN=1 opcode=0x1 TEXT MASK=0 length=21")
                .doesNotContain("\n    | !");
    }

    /** Our own server (demo EchoServer) behind the tap, the JDK client in front: ping, text, binary, close. */
    @Test
    void jdkClientToOurEchoServerThroughTheTap() throws Exception {
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (WebSocketServer server = EchoServer.start("127.0.0.1", 0, "/echo", 1 << 20);
             WireTap tap = WireTap.builder().target(new InetSocketAddress(loopback, server.port()))
                     .dissectors(HttpWebSocketDissector::new).output(output::add).start()) {
            Collector collector = new Collector();
            WebSocket webSocket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + tap.port() + "/echo"), collector).get(10, TimeUnit.SECONDS);
            webSocket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.US_ASCII))).get(10, TimeUnit.SECONDS);
            assertThat(collector.pong.get(10, TimeUnit.SECONDS)).isEqualTo("are you there");
            webSocket.sendText("echo me", true).get(10, TimeUnit.SECONDS);
            assertThat(collector.echo.get(10, TimeUnit.SECONDS)).isEqualTo("echo me");
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
            assertThat(collector.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        }
        String text = String.join("\n", output);
        assertThat(text).as("tap output:%n%s", text)
                .contains("✓ correct", "  ping payload \"are you there\"", "  pong payload \"are you there\"",
                        "  text \"echo me\"", "  close code 1000 (normal closure) reason \"done\"")
                .doesNotContain("\n    | !");
    }

    private int startPythonEchoServer(Path dir) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON)) || new ProcessBuilder(PYTHON, "-c", "import websockets")
                .redirectErrorStream(true).start().waitFor() != 0) {
            if ("true".equalsIgnoreCase(System.getenv("SOCKETLAB_REQUIRE_PEERS"))) {
                fail(HINT + " (SOCKETLAB_REQUIRE_PEERS=true, so this is a failure)");
            }
            Assumptions.abort(HINT);
        }
        Path script = dir.resolve("ws_echo_server.py");
        try (InputStream in = getClass().getResourceAsStream("ws_echo_server.py")) {
            Files.write(script, in.readAllBytes());
        }
        python = new ProcessBuilder(PYTHON, script.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        // Readiness by log line, read with a deadline.
        String ready = CompletableFuture.supplyAsync(() -> readLine(lines)).get(15, TimeUnit.SECONDS);
        assertThat(ready).as("first line of the Python server").startsWith("listening on ");
        return Integer.parseInt(ready.substring("listening on ".length()).trim());
    }

    private static String readLine(BufferedReader lines) {
        try {
            return lines.readLine();
        } catch (IOException e) {
            throw new IllegalStateException("reading the Python server's output failed", e);
        }
    }

    /** Records the echo and the server's close. */
    private static final class Collector implements WebSocket.Listener {
        final CompletableFuture<String> echo = new CompletableFuture<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        final CompletableFuture<String> pong = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            pong.complete(StandardCharsets.US_ASCII.decode(message).toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                echo.complete(text.toString());
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            echo.completeExceptionally(error);
            closeCode.completeExceptionally(error);
        }
    }
}
