package org.socketlab.labs.grading;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.grading.GradingAssertions.Scenario;
import org.socketlab.tcp.EchoClient;
import org.socketlab.tcp.nonblocking.SelectorEchoServer;

/**
 * Lab 16 — one thread, many sockets. Guide: labs/guides/16-one-thread-many-sockets.md. Grades the
 * readiness handling of {@code EchoChannel} (what to do when a socket is readable or writable).
 */
@Timeout(60)
class Lab16OneThreadManySocketsGradingTest {

    private static final String GUIDE = "16-one-thread-many-sockets.md";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static SelectorEchoServer start(Scenario scenario, int bufferBytes) {
        return scenario.step("start SelectorEchoServer on 127.0.0.1:0 with a " + bufferBytes + "-byte buffer per connection",
                () -> SelectorEchoServer.start(InetAddress.getLoopbackAddress(), 0, bufferBytes, 1000));
    }

    private static byte[] pattern(int seed, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (seed * 13 + i * 7);
        }
        return bytes;
    }

    private static Socket connect(SelectorEchoServer server) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.connect(server.localAddress(), (int) TIMEOUT.toMillis());
        return socket;
    }

    @Test
    @Points(3)
    @DisplayName("Your event loop echoes every byte of a 1 MiB message through a 4 KiB buffer")
    void echoesAMegabyte() throws Exception {
        Scenario scenario = GradingAssertions.scenario("1 MiB echo through a 4 KiB buffer", GUIDE, "Step 3: the readable event");
        try (SelectorEchoServer server = start(scenario, 4096);
             EchoClient client = scenario.step("connect a client", () -> EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT))) {
            byte[] message = pattern(1, 1 << 20);
            byte[] echo = scenario.step("send 1 MiB and read the echo (a second thread writes while we read)",
                    () -> client.echo(message));
            scenario.expectBytes("the echo", message, echo,
                    "a non-blocking read() returns whatever the kernel has; the loop must write back exactly those bytes, in order");
        }
    }

    @Test
    @Points(3)
    @DisplayName("Your event loop echoes everything, then sends its FIN, when the client half-closes")
    void halfClose() throws Exception {
        Scenario scenario = GradingAssertions.scenario("send 100,000 bytes, half-close, read to the end", GUIDE,
                "Step 3: the readable event");
        try (SelectorEchoServer server = start(scenario, 1024);
             EchoClient client = scenario.step("connect a client", () -> EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT))) {
            byte[] message = pattern(2, 100_000);
            byte[] echo = scenario.step("send, shutdownOutput(), read until -1", () -> client.sendAndHalfClose(message));
            scenario.expectBytes("everything read before the server's FIN", message, echo,
                    "read() returning -1 means the client sent FIN: echo what is still pending, then shutdownOutput(), then close");
        }
    }

    @Test
    @Points(4)
    @DisplayName("A client that never reads does not stop your loop from serving the others (backpressure)")
    void backpressure() throws Exception {
        Scenario scenario = GradingAssertions.scenario("one client floods without reading; five others echo", GUIDE,
                "Step 4: the writable event and backpressure");
        try (SelectorEchoServer server = start(scenario, 16 * 1024);
             Socket hog = scenario.step("connect the hog", () -> connect(server))) {
            OutputStream hogOut = hog.getOutputStream();
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (int i = 0; i < 1024; i++) {
                        hogOut.write(chunk);
                    }
                } catch (IOException closedByTheTest) {
                    // expected at the end
                }
            });
            scenario.note("the hog writes 64 MiB and never reads");
            for (int i = 0; i < 5; i++) {
                int client = i;
                byte[] message = pattern(10 + i, 50_000);
                byte[] echo = scenario.step("client " + i + " echoes 50,000 bytes while the hog floods", () -> {
                    try (EchoClient other = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT)) {
                        return other.echo(message);
                    }
                });
                scenario.expectBytes("client " + client + "'s echo", message, echo,
                        "one thread serves everyone: it must never wait for one socket (no blocking write, no loop until"
                                + " everything is sent); pending bytes wait for OP_WRITE instead");
            }
            scenario.expectTrue("the hog's 64 MiB were not all accepted", !flood.isDone(),
                    "while an echo is pending the loop must stop reading that socket (OP_READ off), so TCP flow control"
                            + " holds the sender back instead of the server buffering without limit");
            hog.close();
        }
    }

    @Test
    @Points(3)
    @DisplayName("Your event loop serves 300 connections at once on its one thread")
    void manyConnections() throws Exception {
        Scenario scenario = GradingAssertions.scenario("300 connections, one message each, all pending at once", GUIDE,
                "Step 3: the readable event");
        try (SelectorEchoServer server = start(scenario, 1024)) {
            List<Socket> sockets = new ArrayList<>();
            try {
                scenario.step("connect 300 sockets", () -> {
                    for (int i = 0; i < 300; i++) {
                        sockets.add(connect(server));
                    }
                });
                scenario.step("each writes 100 bytes before anyone reads", () -> {
                    for (int i = 0; i < 300; i++) {
                        sockets.get(i).getOutputStream().write(pattern(i, 100));
                    }
                });
                for (int i = 0; i < 300; i++) {
                    int index = i;
                    byte[] echo = scenario.step("read socket " + i + "'s echo",
                            () -> sockets.get(index).getInputStream().readNBytes(100));
                    scenario.expectBytes("socket " + i + "'s echo", pattern(i, 100), echo,
                            "each connection has its own buffer (the key's attachment); bytes must never cross connections");
                }
                scenario.expectTrue("the loop thread is still alive", server.loopThread().isAlive(),
                        "an exception from one connection's handling must close that connection, not end the loop");
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("A client that resets its connection ends only that connection")
    void resetClient() throws Exception {
        Scenario scenario = GradingAssertions.scenario("a client sends, then resets (RST); another client echoes", GUIDE,
                "Step 3: the readable event");
        try (SelectorEchoServer server = start(scenario, 1024)) {
            scenario.step("connect, send 1000 bytes, close with SO_LINGER 0 (RST)", () -> {
                Socket rude = connect(server);
                rude.getOutputStream().write(pattern(5, 1000));
                rude.setSoLinger(true, 0);
                rude.close();
            });
            byte[] message = pattern(6, 10_000);
            byte[] echo = scenario.step("a second client echoes 10,000 bytes", () -> {
                try (EchoClient other = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT)) {
                    return other.echo(message);
                }
            });
            scenario.expectBytes("the second client's echo", message, echo,
                    "read() or write() on a reset socket throws IOException: close that key and go on");
            scenario.expectTrue("the loop thread is still alive", server.loopThread().isAlive(),
                    "one connection's error must never end the loop that serves all of them");
        }
    }
}
