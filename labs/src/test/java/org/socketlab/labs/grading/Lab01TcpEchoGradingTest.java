package org.socketlab.labs.grading;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.grading.GradingAssertions.Scenario;
import org.socketlab.tcp.ConnectionHandler;
import org.socketlab.tcp.EchoClient;
import org.socketlab.tcp.EchoHandler;
import org.socketlab.tcp.TcpServer;

/** Lab 01 — TCP echo. Guide: labs/guides/01-tcp-echo.md. */
@Timeout(20)
class Lab01TcpEchoGradingTest {

    private static final String GUIDE = "01-tcp-echo.md";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static TcpServer startEchoServer(Scenario scenario) {
        return scenario.step("start TcpServer.builder().port(0).handler(new EchoHandler()).start()",
                () -> TcpServer.builder().port(0).handler(new EchoHandler()).start());
    }

    private static EchoClient connect(Scenario scenario, TcpServer server) {
        return scenario.step("EchoClient.connect(" + server.localAddress() + ", 5 s, 5 s)",
                () -> EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT));
    }

    @Test
    @Points(2)
    @DisplayName("Your server binds port 0 and reports the port the operating system chose")
    void portZeroIsReported() throws IOException {
        Scenario scenario = GradingAssertions.scenario("bind to port 0 and report the real port", GUIDE, "Background");
        try (TcpServer server = startEchoServer(scenario)) {
            scenario.expectTrue("server.port() is " + server.port() + ", not a port between 1 and 65535",
                    server.port() > 0 && server.port() <= 65_535,
                    "with port 0 the kernel picks a free port during bind(); clients need to know which one");
            try (Socket probe = scenario.step("connect a plain Socket to 127.0.0.1:" + server.port(),
                    () -> new Socket(InetAddress.getLoopbackAddress(), server.port()))) {
                scenario.expectTrue("the probe is connected", probe.isConnected(),
                        "the reported port must be the one the server listens on");
            }
        }
    }

    @Test
    @Points(3)
    @DisplayName("Your echo server returns the bytes of a short message unchanged")
    void shortMessageIsEchoed() throws IOException {
        Scenario scenario = GradingAssertions.scenario("echo \"hello, socket\"", GUIDE, "Steps");
        byte[] message = "hello, socket".getBytes(StandardCharsets.UTF_8);
        try (TcpServer server = startEchoServer(scenario); EchoClient client = connect(scenario, server)) {
            byte[] echo = scenario.step("client.echo(\"hello, socket\")", () -> client.echo(message));
            scenario.expectBytes("the echo", message, echo, "an echo server writes back exactly what it read");
        }
    }

    @Test
    @Points(4)
    @DisplayName("Your echo server returns every byte of a 1 MiB message")
    void oneMebibyteIsEchoed() throws IOException {
        Scenario scenario = GradingAssertions.scenario("echo a 1 MiB message of random bytes (seed 1)", GUIDE, "Steps");
        byte[] message = new byte[1 << 20];
        new Random(1).nextBytes(message);
        try (TcpServer server = startEchoServer(scenario); EchoClient client = connect(scenario, server)) {
            byte[] echo = scenario.step("send 1 MiB, shutdownOutput(), read until end of stream",
                    () -> client.sendAndHalfClose(message));
            scenario.expectBytes("the echo", message, echo, "read() returns any number of bytes; a handler that"
                    + " assumes one read() = one message, or ignores the count read() returned, loses data");
        }
    }

    @Test
    @Points(3)
    @DisplayName("When the client half-closes, your server echoes exactly what it read and half-closes its side")
    void halfCloseEndsTheConversation() throws Exception {
        Scenario scenario = GradingAssertions.scenario("client sends \"bye\" then shutdownOutput()", GUIDE, "Half-close");
        // The server's connection stays open after EchoHandler returns, until the client has seen
        // end of stream: so the client's -1 can only come from the handler's own shutdownOutput()
        // (or close()), not from TcpServer closing the socket after the handler.
        CountDownLatch clientDone = new CountDownLatch(1);
        ConnectionHandler echoThenHold = socket -> {
            new EchoHandler().handle(socket);
            try {
                clientDone.await(HOLD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (TcpServer server = scenario.step("start a TcpServer whose handler runs EchoHandler, then keeps the"
                        + " connection open for " + HOLD.toSeconds() + " s",
                () -> TcpServer.builder().port(0).handler(echoThenHold).start());
             Socket client = scenario.step("connect a plain Socket with SO_TIMEOUT 5 s", () -> socket(server))) {
            scenario.step("write \"bye\" and shutdownOutput() (sends FIN)", () -> {
                client.getOutputStream().write("bye".getBytes(StandardCharsets.UTF_8));
                client.shutdownOutput();
            });
            InputStream in = client.getInputStream();
            byte[] echo = scenario.step("read 3 bytes", () -> in.readNBytes(3));
            scenario.expectBytes("the echo", "bye".getBytes(StandardCharsets.UTF_8), echo,
                    "half-close ends only the client's sending direction; the echo must still arrive");
            client.setSoTimeout((int) HOLD.dividedBy(2).toMillis());
            byte[] after = scenario.step("read until end of stream, at most " + HOLD.dividedBy(2).toMillis() + " ms",
                    () -> readUntilEndOrTimeout(in));
            clientDone.countDown();
            if (after.length > 0) {
                throw scenario.fail("the server sent " + after.length + " byte(s) more than the 3-byte echo: "
                        + java.util.HexFormat.ofDelimiter(" ").formatHex(after, 0, Math.min(after.length, 16))
                        + (after.length > 16 ? " ..." : ""),
                        "the server wrote more than it read: write(buffer, 0, count) sends the count bytes read(),"
                                + " write(buffer) sends the whole buffer, leftovers included");
            }
            if (after != END_OF_STREAM) {
                throw scenario.fail("no end of stream (-1) while the server's connection was still open",
                        "after read() returned -1 the handler must shutdownOutput() (send its FIN); without it the"
                                + " client waits until the server happens to close the socket");
            }
        }
    }

    private static final Duration HOLD = Duration.ofSeconds(3);
    private static final byte[] END_OF_STREAM = new byte[0];
    private static final byte[] TIMED_OUT = new byte[0];

    /** Bytes read before -1 (then {@link #END_OF_STREAM} if none) or before the timeout ({@link #TIMED_OUT} if none). */
    private static byte[] readUntilEndOrTimeout(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream extra = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int count; (count = in.read(buffer)) != -1; ) {
                extra.write(buffer, 0, count);
            }
            return extra.size() == 0 ? END_OF_STREAM : extra.toByteArray();
        } catch (SocketTimeoutException timeout) {
            return extra.size() == 0 ? TIMED_OUT : extra.toByteArray();
        }
    }

    @Test
    @Points(2)
    @DisplayName("A client read times out when the server stays silent (SO_TIMEOUT)")
    void silentServerTimesOut() throws Exception {
        Scenario scenario = GradingAssertions.scenario("a server that accepts but never answers", GUIDE, "Experiments");
        CountDownLatch release = new CountDownLatch(1);
        ConnectionHandler silent = socket -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (TcpServer server = scenario.step("start a TcpServer whose handler never writes",
                () -> TcpServer.builder().handler(silent).start());
             EchoClient client = scenario.step("EchoClient.connect(..., read timeout 200 ms)",
                     () -> EchoClient.connect(server.localAddress(), TIMEOUT, Duration.ofMillis(200)))) {
            scenario.note("client.echo(\"?\") must throw SocketTimeoutException within about 200 ms");
            try {
                client.echo("?".getBytes(StandardCharsets.UTF_8));
                throw scenario.fail("echo() returned although the server never wrote", "a client without a read"
                        + " timeout hangs forever on a silent server");
            } catch (SocketTimeoutException expected) {
                scenario.note("got SocketTimeoutException: " + expected.getMessage());
            } catch (IOException other) {
                throw scenario.fail("echo() threw " + other + " instead of SocketTimeoutException",
                        "set SO_TIMEOUT with socket.setSoTimeout(readTimeout) before reading");
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("Connecting to a port where nobody listens fails fast with \"connection refused\"")
    void refusedConnectionFailsFast() throws IOException {
        Scenario scenario = GradingAssertions.scenario("connect to a closed port", GUIDE, "Background");
        InetSocketAddress closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = (InetSocketAddress) probe.getLocalSocketAddress();
        }
        scenario.note("bound and closed a listening socket on " + closedPort + ", so nobody listens there");
        try {
            EchoClient.connect(closedPort, TIMEOUT, TIMEOUT).close();
            throw scenario.fail("connect() succeeded", "nothing listens on that port");
        } catch (ConnectException expected) {
            scenario.note("ConnectException: " + expected.getMessage());
        } catch (IOException other) {
            throw scenario.fail("connect() threw " + other + " instead of ConnectException",
                    "the kernel answers a SYN to a closed port with RST, which Java reports as ConnectException");
        }
    }

    @Test
    @Points(2)
    @DisplayName("Your server keeps serving after one client resets its connection")
    void serverSurvivesAReset() throws IOException {
        Scenario scenario = GradingAssertions.scenario("one client sends RST, another echoes", GUIDE, "Experiments");
        try (TcpServer server = startEchoServer(scenario)) {
            scenario.step("connect a client, write 1 byte, close with SO_LINGER 0 (sends RST)", () -> {
                Socket rude = socket(server);
                rude.getOutputStream().write(1);
                rude.setSoLinger(true, 0);
                rude.close();
            });
            try (EchoClient polite = connect(scenario, server)) {
                byte[] echo = scenario.step("a second client echoes \"ok\"", () -> polite.echo("ok".getBytes(StandardCharsets.UTF_8)));
                scenario.expectBytes("the second client's echo", "ok".getBytes(StandardCharsets.UTF_8), echo,
                        "one client's failure must end only that client's connection");
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("Stopping your server closes the listening socket, so new connections are refused")
    void stopClosesTheListeningSocket() throws IOException {
        Scenario scenario = GradingAssertions.scenario("stop the server, then connect", GUIDE, "Steps");
        TcpServer server = startEchoServer(scenario);
        InetSocketAddress address = server.localAddress();
        boolean clean = scenario.step("server.stop(1 s)", () -> server.stop(Duration.ofSeconds(1)));
        scenario.expectTrue("stop() reported unfinished connections although there were none", clean,
                "with no clients, stop() has nothing to wait for");
        scenario.note("connect to " + address + " must now throw ConnectException");
        try (Socket late = new Socket()) {
            late.connect(address, 2000);
            throw scenario.fail("connect() succeeded after stop()", "stop() must close() the listening socket");
        } catch (ConnectException expected) {
            scenario.note("ConnectException: " + expected.getMessage());
        }
    }

    private static Socket socket(TcpServer server) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.connect(server.localAddress(), (int) TIMEOUT.toMillis());
        return socket;
    }
}
