package org.socketlab.websocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.RawWebSocket.RawFrame;
import org.socketlab.websocket.testing.ResourceProbe;
import org.socketlab.websocket.testing.TestEchoHandler;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/**
 * Clients that attack the server's patience (slowloris), its parser (header floods), its
 * admission (too many connections) and its fairness (ping floods). Each test also proves that a
 * well-behaved client is served while the attack goes on.
 */
@Timeout(30)
@ExtendWith(StopAfterEachExtension.class)
class SlowAndFloodingClientsTest {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(600);
    @StopAfterEach
    private WebSocketServer server;

    private WebSocketServer start(WebSocketServer.Builder builder) throws IOException {
        server = builder.start();
        return server;
    }

    private WebSocketServer echoServer() throws IOException {
        return start(WebSocketServer.builder().endpoint("/", new TestEchoHandler()).handshakeTimeout(HANDSHAKE_TIMEOUT));
    }

    /** A well-behaved client: handshake, one echo, clean close. */
    private static void echoRoundTrip(int port, String text) throws IOException {
        try (RawWebSocket ws = RawWebSocket.connect(port, "/")) {
            ws.sendText(text);
            assertThat(ws.readFrame().text()).as("echo while under attack").isEqualTo(text);
            ws.sendClose(1000, "");
            assertThat(ws.expectCloseAndTcpClose().closeCode()).isEqualTo(1000);
        }
    }

    @Nested
    class Slowloris {
        @Test
        void oneBytePerInterval_isCutAtTheHandshakeTimeout_whileANormalClientIsServed() throws Exception {
            echoServer();
            byte[] endless = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(5_000))
                    .getBytes(StandardCharsets.ISO_8859_1);
            ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
            try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                slow.setSoTimeout(5_000);
                long started = System.nanoTime();
                OutputStream out = slow.getOutputStream();
                AtomicInteger sent = new AtomicInteger();
                dribbler.scheduleAtFixedRate(() -> {
                    try {
                        out.write(endless[sent.getAndIncrement() % endless.length]); // one byte per 20 ms
                    } catch (IOException cutOff) {
                        throw new IllegalStateException("stop dribbling", cutOff);
                    }
                }, 0, 20, TimeUnit.MILLISECONDS);

                echoRoundTrip(server.port(), "served meanwhile");

                String response = new String(slow.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                Duration cutAfter = Duration.ofNanos(System.nanoTime() - started);
                assertThat(response).as("the slow client is answered 408 and closed").startsWith("HTTP/1.1 408 ");
                assertThat(cutAfter).as("cut at the %s handshake timeout (+ margin)", HANDSHAKE_TIMEOUT)
                        .isGreaterThanOrEqualTo(HANDSHAKE_TIMEOUT.minusMillis(50))
                        .isLessThan(HANDSHAKE_TIMEOUT.plusSeconds(2));
                assertThat(sent.get()).as("bytes dribbled before the cut").isGreaterThan(5);
            } finally {
                dribbler.shutdownNow();
            }
            assertThat(ResourceProbe.await(Duration.ofSeconds(5), () -> server.activeConnections() == 0))
                    .as("no connection left after the cut").isTrue();
        }

        @Test
        void silentConnection_isClosedAtTheHandshakeTimeout() throws Exception {
            echoServer();
            try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                silent.setSoTimeout(5_000);
                long started = System.nanoTime();
                String response = new String(silent.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(response).startsWith("HTTP/1.1 408 ");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(HANDSHAKE_TIMEOUT.plusSeconds(2));
            }
        }
    }

    @Nested
    class HeaderFloods {
        @Test
        void tooManyHeaderFields_get431_andTheServerStopsReading() throws Exception {
            echoServer();
            StringBuilder flood = new StringBuilder(RawWebSocket.upgradeRequest(server.port(), "/", "").replace("\r\n\r\n", "\r\n"));
            for (int i = 0; i < 150; i++) {
                flood.append("X-Flood-").append(i).append(": 1\r\n");
            }
            try (RawWebSocket ws = RawWebSocket.exchange(server.port(), flood.append("\r\n").toString())) {
                assertThat(ws.status()).as("151+ fields against the default limit of 100").isEqualTo(431);
            }
            echoRoundTrip(server.port(), "after the flood");
        }

        @Test
        void oneMegabyteOfHeaders_isRefusedWith431BeforeItHasAllBeenSent() throws Exception {
            echoServer();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
                byte[] line = ("X-Padding: " + "p".repeat(1_000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                int written = 0;
                try {
                    for (; written < 1_000; written++) {
                        out.write(line);
                    }
                } catch (IOException refusedMidway) {
                    // expected: the server answered and closed once the 8 KiB limit was passed
                }
                String response = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                assertThat(response).isEqualTo("HTTP/1.1 431");
            }
            echoRoundTrip(server.port(), "after the flood");
        }
    }

    @Nested
    class Admission {
        @Test
        void maxConnectionsIsEnforced_theNextGets503_andNormalServiceResumes() throws Exception {
            int max = 8;
            start(WebSocketServer.builder().endpoint("/", new TestEchoHandler()).maxConnections(max));
            RawWebSocket[] open = new RawWebSocket[max];
            try {
                for (int i = 0; i < max; i++) {
                    open[i] = RawWebSocket.connect(server.port(), "/");
                }
                // The server registers each session just after writing its 101, so wait for the last one.
                assertThat(ResourceProbe.await(Duration.ofSeconds(5), () -> server.sessions().size() == max))
                        .as("%d sessions open", max).isTrue();
                try (RawWebSocket extra = RawWebSocket.exchange(server.port(),
                        RawWebSocket.upgradeRequest(server.port(), "/", ""))) {
                    assertThat(extra.status()).isEqualTo(503);
                    assertThat(new String(extra.socket().getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                            .as("the 503 body is fixed text").contains("connection limit");
                }
                open[0].sendText("the admitted ones still work");
                assertThat(open[0].readFrame().text()).isEqualTo("the admitted ones still work");
            } finally {
                for (RawWebSocket ws : open) {
                    if (ws != null) {
                        ws.close();
                    }
                }
            }
            assertThat(ResourceProbe.await(Duration.ofSeconds(10), () -> server.activeConnections() == 0)).isTrue();
            echoRoundTrip(server.port(), "a slot is free again");
        }
    }

    @Nested
    class ControlFrameFloods {
        @Test
        void aPingFloodThatNeverReadsItsPongs_doesNotStarveAnotherConnection_andItsQueueStaysBounded() throws Exception {
            long queueLimit = 64 * 1024;
            start(WebSocketServer.builder().endpoint("/", new TestEchoHandler())
                    .maxBufferedBytes(queueLimit).configure(c -> c.withSendTimeout(Duration.ofSeconds(1))));
            RawWebSocket flooder = RawWebSocket.connect(server.port(), "/");
            AtomicInteger pingsSent = new AtomicInteger();
            Thread flood = Thread.ofVirtual().name("ping-flooder").start(() -> {
                byte[] ping = RawWebSocket.frame(true, 0, 0x9, new byte[125], true);
                try {
                    for (int i = 0; i < 200_000; i++) {
                        flooder.sendRaw(ping); // and never read a pong
                        pingsSent.incrementAndGet();
                    }
                } catch (IOException cutOff) {
                    // the server stopped reading, then aborted the flooder after the send timeout
                }
            });
            java.util.concurrent.atomic.AtomicLong maxQueued = new java.util.concurrent.atomic.AtomicLong();
            Thread sampler = Thread.ofVirtual().start(() -> {
                while (flood.isAlive()) {
                    server.sessions().forEach(s -> maxQueued.accumulateAndGet(s.bufferedAmount(), Math::max));
                    Thread.onSpinWait();
                }
            });
            try (RawWebSocket normal = RawWebSocket.connect(server.port(), "/")) {
                for (int i = 0; i < 200; i++) {
                    normal.sendText("message " + i);
                    assertThat(normal.readFrame().text()).as("echo %d during the flood", i).isEqualTo("message " + i);
                }
            }
            assertThat(flood.join(Duration.ofSeconds(15))).as("the flooder is cut off").isTrue();
            sampler.join(Duration.ofSeconds(5));
            flooder.close();
            assertThat(pingsSent.get()).as("pings the server took before pushing back").isLessThan(200_000);
            // One read buffer (16 KiB) of pings may be answered after the queue reached its limit.
            assertThat(maxQueued.get()).as("the flooder's outbound queue").isLessThanOrEqualTo(queueLimit + 32 * 1024);
            assertThat(ResourceProbe.await(Duration.ofSeconds(10), () -> server.activeConnections() == 0))
                    .as("the flooder's connection ends; nothing is left behind").isTrue();
        }

        @Test
        void aPongFlood_isAbsorbed_andEchoesStillFlow() throws Exception {
            start(WebSocketServer.builder().endpoint("/", new TestEchoHandler()));
            try (RawWebSocket ws = RawWebSocket.connect(server.port(), "/")) {
                byte[] pong = RawWebSocket.frame(true, 0, 0xA, new byte[125], true);
                byte[] burst = new byte[pong.length * 10_000];
                for (int i = 0; i < 10_000; i++) {
                    System.arraycopy(pong, 0, burst, i * pong.length, pong.length);
                }
                ws.sendRaw(burst); // unsolicited pongs: RFC 6455 §5.5.3 says ignore them
                ws.sendText("after 10,000 pongs");
                RawFrame echo = ws.readFrame();
                assertThat(echo.text()).isEqualTo("after 10,000 pongs");
            }
        }
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
