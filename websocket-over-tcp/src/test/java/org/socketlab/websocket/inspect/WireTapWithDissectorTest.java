package org.socketlab.websocket.inspect;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.socketlab.tcp.wire.PcapWriter;
import org.socketlab.tcp.wire.WireTap;

/**
 * The whole chain on real loopback sockets: client → WireTap with the HTTP/WebSocket dissector
 * and a pcap file → target, carrying the RFC 6455 handshake, a text frame each way and the
 * closing handshake; then tshark reads the capture back.
 */
@Timeout(60)
class WireTapWithDissectorTest {

    private static final byte[] CLIENT_CLOSE = Feeding.hex("88 82 00000000 03e8");   // masked with key 0: 1000
    private static final byte[] SERVER_CLOSE = Feeding.hex("88 02 03e8");

    @Test
    void upgradeAndFramesThroughTheTap_areDissected_andTsharkDecodesTheCapture(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("tap.pcap");
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int targetPort;
        try (ServerSocket target = new ServerSocket(0, 5, loopback);
             PcapWriter pcap = PcapWriter.create(capture);
             WireTap tap = WireTap.builder().target(new InetSocketAddress(loopback, target.getLocalPort()))
                     .dissectors(HttpWebSocketDissector::new).pcap(pcap).output(output::add).start();
             Socket client = new Socket(loopback, tap.port())) {
            targetPort = target.getLocalPort();
            target.setSoTimeout(5_000);
            client.setSoTimeout(5_000);
            try (Socket server = target.accept()) {
                server.setSoTimeout(5_000);
                exchange(client, server);
            }
            assertThat(client.getInputStream().read()).as("server's FIN reaches the client").isEqualTo(-1);
        }
        String text = String.join("\n", output);
        assertThat(text).contains("WebSocket upgrade accepted", "✓ correct", "  text \"Hello\"",
                "  close code 1000 (normal closure), no reason", "closed: ");
        String fields = tshark(capture, "-d", "tcp.port==" + targetPort + ",http", "-T", "fields", "-E", "separator=|",
                "-e", "http.request.method", "-e", "http.response.code", "-e", "websocket.opcode",
                "-e", "websocket.payload.text", "-e", "websocket.payload.close.status_code");
        assertThat(fields.lines().filter(line -> !line.replace("|", "").isBlank()).toList())
                .as("tshark fields per packet:%n%s", fields)
                .containsExactly("GET||||", "|101|||", "||1|Hello|", "||1|Hello|", "||8||1000", "||8||1000");
    }

    private static void exchange(Socket client, Socket server) throws IOException {
        client.getOutputStream().write(HttpWebSocketDissectorTest.RFC_REQUEST.getBytes(US_ASCII));
        readExactly(server.getInputStream(), HttpWebSocketDissectorTest.RFC_REQUEST.length());
        server.getOutputStream().write(HttpWebSocketDissectorTest.RFC_RESPONSE.getBytes(US_ASCII));
        readExactly(client.getInputStream(), HttpWebSocketDissectorTest.RFC_RESPONSE.length());
        client.getOutputStream().write(HttpWebSocketDissectorTest.MASKED_HELLO);
        readExactly(server.getInputStream(), HttpWebSocketDissectorTest.MASKED_HELLO.length);
        server.getOutputStream().write(HttpWebSocketDissectorTest.UNMASKED_HELLO);
        readExactly(client.getInputStream(), HttpWebSocketDissectorTest.UNMASKED_HELLO.length);
        client.getOutputStream().write(CLIENT_CLOSE);
        readExactly(server.getInputStream(), CLIENT_CLOSE.length);
        server.getOutputStream().write(SERVER_CLOSE);                 // RFC 6455 §7.1.1: the server closes TCP first
        readExactly(client.getInputStream(), SERVER_CLOSE.length);
    }

    private static void readExactly(InputStream in, int count) throws IOException {
        assertThat(in.readNBytes(count)).hasSize(count);
    }

    /** tshark from Debian; skipped with an install hint unless SOCKETLAB_REQUIRE_PEERS=true. */
    static String tshark(Path capture, String... args) throws IOException, InterruptedException {
        Path tshark = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "tshark")).filter(Files::isExecutable).findFirst().orElse(null);
        String hint = "tshark is not installed: `sudo apt-get install -y tshark` (.ci/run installs it)";
        if (tshark == null) {
            if ("true".equalsIgnoreCase(System.getenv("SOCKETLAB_REQUIRE_PEERS"))) {
                fail(hint + " (SOCKETLAB_REQUIRE_PEERS=true, so this is a failure)");
            }
            Assumptions.abort(hint);
        }
        List<String> command = new ArrayList<>(List.of(tshark.toString(), "-n", "-r", capture.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("tshark did not finish within 30 s");
        }
        assertThat(process.exitValue()).as("tshark exit status; output:%n%s", output).isZero();
        return output;
    }
}
