package org.socketlab.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.tcp.framing.FramedEchoHandler;
import org.socketlab.tcp.framing.FramingException;
import org.socketlab.tcp.framing.LengthPrefixFramer;
import org.socketlab.tcp.framing.MessageStream;

/**
 * A misbehaving client loses its own connection, with a stated reason, and nobody else's.
 * Every test keeps a well-behaved client connected throughout and checks it still works.
 */
@Timeout(20)
class BadInputTest {

    private static final int MAX_FRAME = 1024;

    record Closed(java.net.SocketAddress remote, Throwable reason) {
    }

    private final BlockingQueue<Closed> closed = new LinkedBlockingQueue<>();
    private TcpServer server;
    private Socket goodClient;
    private MessageStream goodMessages;

    @BeforeEach
    void start() throws IOException {
        startServer(Duration.ofSeconds(10));
    }

    /** A generous read timeout by default, so the idle good client survives a slow machine. */
    private void startServer(Duration readTimeout) throws IOException {
        server = TcpServer.builder()
                .readTimeout(readTimeout)
                .handler(new FramedEchoHandler(() -> new LengthPrefixFramer(MAX_FRAME)))
                .connectionListener((remote, reason) -> closed.add(new Closed(remote, reason)))
                .start();
        goodClient = open();
        goodMessages = MessageStream.of(goodClient, new LengthPrefixFramer(MAX_FRAME));
    }

    @AfterEach
    void stop() throws IOException {
        goodClient.close();
        server.stop(Duration.ofSeconds(1));
    }

    private Socket open() throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(5000);
        socket.connect(server.localAddress(), 5000);
        return socket;
    }

    /** The close event of {@code client}'s connection (events of other connections are skipped). */
    private Closed nextClosed(Socket client) throws InterruptedException {
        return nextClosed(client.getLocalSocketAddress());
    }

    private Closed nextClosed(java.net.SocketAddress client) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Closed event = closed.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(event).as("a connection-closed event for %s", client).isNotNull();
            if (event.remote().equals(client)) {
                return event;
            }
        }
    }

    /** The good client still gets its echo; keeps the good client from timing out too. */
    private void assertGoodClientStillServed() throws IOException {
        byte[] message = "still here".getBytes(StandardCharsets.UTF_8);
        goodMessages.write(message);
        assertThat(goodMessages.read()).isEqualTo(message);
    }

    private static byte[] header(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }

    @Test
    void oversizedFrame_isRejectedBeforeItsPayloadIsRead() throws Exception {
        assertGoodClientStillServed();
        try (Socket bad = open()) {
            bad.getOutputStream().write(header(MAX_FRAME + 1));
            Closed event = nextClosed(bad);
            assertThat(event.reason()).isInstanceOf(FramingException.class)
                    .hasMessage("frame length is 1025 bytes; the maximum is 1024 (length-prefixed framing)");
            assertThat(bad.getInputStream().read()).as("server closed the connection").isEqualTo(-1);
        }
        assertGoodClientStillServed();
    }

    @Test
    void disconnectMidMessage_isReportedAsATruncatedMessage() throws Exception {
        assertGoodClientStillServed();
        try (Socket bad = open()) {
            OutputStream out = bad.getOutputStream();
            out.write(header(10));
            out.write("abc".getBytes(StandardCharsets.UTF_8));
            bad.shutdownOutput();                               // FIN after 3 of 10 bytes
            Closed event = nextClosed(bad);
            assertThat(event.reason()).isInstanceOf(EOFException.class)
                    .hasMessageContaining("after 7 bytes of an unfinished message");
            assertThat(CloseReasons.describe(event.reason())).startsWith("client disconnected in the middle");
        }
        assertGoodClientStillServed();
    }

    @Test
    void connectionReset_isReportedAsAReset() throws Exception {
        assertGoodClientStillServed();
        Socket bad = open();
        bad.getOutputStream().write(header(10));
        bad.setSoLinger(true, 0);                                   // close() now sends RST, not FIN
        java.net.SocketAddress badAddress = bad.getLocalSocketAddress();
        bad.close();
        Closed event = nextClosed(badAddress);
        assertThat(event.reason()).isInstanceOf(SocketException.class);
        assertThat(CloseReasons.describe(event.reason())).contains("reset");
        assertGoodClientStillServed();
    }

    @Test
    void stalledClient_isClosedWhenTheReadTimeoutExpires() throws Exception {
        stop();
        startServer(Duration.ofMillis(300));
        try (Socket bad = open()) {
            bad.getOutputStream().write(header(10));                   // then nothing more
            Closed event = nextClosed(bad);
            assertThat(event.reason()).isInstanceOf(SocketTimeoutException.class);
            assertThat(CloseReasons.describe(event.reason())).startsWith("read timed out");
            InputStream in = bad.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        }
        // The good client was idle as long as the bad one, so it timed out as well: reconnect.
        goodClient.close();
        goodClient = open();
        goodMessages = MessageStream.of(goodClient, new LengthPrefixFramer(MAX_FRAME));
        assertGoodClientStillServed();
    }

    @Test
    void normalEnd_isReportedWithoutAReason() throws Exception {
        try (Socket polite = open()) {
            MessageStream messages = MessageStream.of(polite, new LengthPrefixFramer(MAX_FRAME));
            messages.write(new byte[] {1, 2, 3});
            assertThat(messages.read()).containsExactly(1, 2, 3);
            polite.shutdownOutput();
            assertThat(messages.read()).as("server half-closes after our FIN").isNull();
            Closed event = nextClosed(polite);
            assertThat(event.reason()).isNull();
            assertThat(CloseReasons.describe(null)).isEqualTo("closed normally");
        }
    }
}
