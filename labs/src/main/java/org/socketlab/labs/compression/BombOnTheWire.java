package org.socketlab.labs.compression;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.socketlab.tcp.wire.WireTap;
import org.socketlab.websocket.frame.CloseStatus;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.demo.EchoServer;
import org.socketlab.websocket.extension.DeflateConfig;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.inspect.HttpWebSocketDissector;

/**
 * Part 8: a compression bomb on real sockets. An echo server with a 1 MiB message limit and
 * permessage-deflate; the tap (with the HTTP/WebSocket dissector) between it and a client; the
 * client sends 10 MB of zeros, which deflate to about 10 KB. The server inflates while it counts
 * (RFC 7692 §8.1: the limit applies to the inflated size), stops at the byte after 1 MiB and
 * closes with 1009 (message too big, RFC 6455 §7.4.1). The tap shows both: the small compressed
 * frame with RSV1, and the server's close frame.
 */
public final class BombOnTheWire {

    /** What happened: the inflated size sent, the close the client received, what the tap printed. */
    public record Result(int bombBytes, CloseStatus closeSeenByClient, List<String> tapLines) {
    }

    /** The server's limit: 1 MiB, the default {@code maxMessageSize}. */
    public static final long LIMIT = 1 << 20;

    private BombOnTheWire() {
    }

    public static Result run(int bombBytes) throws Exception {
        List<String> tapOutput = Collections.synchronizedList(new ArrayList<>());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        WebSocketServer server = EchoServer.start("127.0.0.1", 0, "/", LIMIT, DeflateConfig.defaults());
        try (WireTap tap = WireTap.builder().target(new InetSocketAddress(loopback, server.port()))
                .dissectors(HttpWebSocketDissector::new).output(tapOutput::add).start()) {
            Session client = WebSocketClient.connect(URI.create("ws://127.0.0.1:" + tap.port() + "/"),
                    new WebSocketHandler() { }, ClientOptions.defaults().permessageDeflate(DeflateConfig.defaults()));
            client.sendBinary(ByteBuffer.allocate(bombBytes)); // all zeros: the best case for DEFLATE
            CloseStatus status = client.closeFuture().get(30, TimeUnit.SECONDS);
            awaitTapClosed(tapOutput);
            List<String> lines = new ArrayList<>();
            synchronized (tapOutput) {
                tapOutput.forEach(block -> block.lines().forEach(lines::add));
            }
            return new Result(bombBytes, status, lines);
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    /** The tap prints "closed: …" when both directions ended; wait for it (bounded). */
    private static void awaitTapClosed(List<String> tapOutput) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (tapOutput) {
                if (tapOutput.stream().anyMatch(line -> line.contains("closed: "))) {
                    return;
                }
            }
            Thread.sleep(20); // polling the tap's output with a deadline, not synchronising on time
        }
        throw new IOException("the tap did not report the connection closed within 10 s");
    }
}
