package org.socketlab.labs.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.labs.grading.GradingAssertions.Scenario;
import org.socketlab.tcp.TcpServer;
import org.socketlab.tcp.framing.FramedEchoHandler;
import org.socketlab.tcp.framing.FramingException;
import org.socketlab.tcp.framing.LengthPrefixFramer;
import org.socketlab.tcp.framing.LineFramer;
import org.socketlab.tcp.framing.MessageFramer;
import org.socketlab.tcp.framing.MessageStream;
import org.socketlab.tcp.framing.StreamBoundaryDemo;

/** Lab 03 — TCP is a stream. Guide: labs/guides/03-tcp-is-a-stream.md. */
@Timeout(20)
class Lab03TcpIsAStreamGradingTest {

    private static final String GUIDE = "03-tcp-is-a-stream.md";

    @Test
    @Points(2)
    @DisplayName("Many small writes arrive in fewer reads: TCP coalesces them")
    void writesCoalesce() throws IOException {
        Scenario scenario = GradingAssertions.scenario("100 writes of 10 bytes, then read", GUIDE, "Coalesced reads");
        StreamBoundaryDemo.Exchange exchange = scenario.step("StreamBoundaryDemo.coalescedWrites(100, 10)",
                () -> StreamBoundaryDemo.coalescedWrites(100, 10));
        scenario.expectEquals("total bytes read", 1000, exchange.received().length,
                "TCP delivers every byte exactly once, in order");
        scenario.expectTrue("the receiver needed " + exchange.readSizes().size() + " reads for 100 writes: "
                        + exchange.readSizes(), exchange.readSizes().size() < 100,
                "bytes waiting in the receive buffer are returned together by one read()");
    }

    @Test
    @Points(2)
    @DisplayName("One large write arrives in several reads: TCP splits it")
    void writesSplit() throws IOException {
        Scenario scenario = GradingAssertions.scenario("one 1 MiB write, receiver SO_RCVBUF 16 KiB", GUIDE, "Split reads");
        StreamBoundaryDemo.Exchange exchange = scenario.step("StreamBoundaryDemo.splitWrite(1 MiB, 16 KiB)",
                () -> StreamBoundaryDemo.splitWrite(1 << 20, 16 * 1024));
        scenario.expectBytes("the received bytes", StreamBoundaryDemo.message(7, 1 << 20), exchange.received(),
                "splitting must not lose or reorder bytes");
        scenario.expectTrue("one read() returned the whole megabyte", exchange.readSizes().size() > 1,
                "a read() can return no more than the receive buffer holds");
    }

    @Test
    @Points(3)
    @DisplayName("Your line framer rebuilds lines that arrive one byte at a time")
    void lineFramerByteAtATime() throws FramingException {
        Scenario scenario = GradingAssertions.scenario("feed \"alpha\\nbeta\\r\\n\\ngamma\\n\" one byte per decode()",
                GUIDE, "Framing");
        byte[] stream = "alpha\nbeta\r\n\ngamma\n".getBytes(StandardCharsets.UTF_8);
        MessageFramer framer = new LineFramer(64);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            int offset = i;
            byte[] line = scenario.step("decode byte " + i, () -> framer.decode(ByteBuffer.wrap(stream, offset, 1)));
            if (line != null) {
                lines.add(new String(line, StandardCharsets.UTF_8));
            }
        }
        scenario.expectEquals("decoded lines", List.of("alpha", "beta", "", "gamma"), lines,
                "a framer keeps partial lines between reads and strips the \\r of a CRLF ending");
    }

    @Test
    @Points(3)
    @DisplayName("Your length-prefix framer rebuilds frames from chunks of random sizes")
    void lengthPrefixRandomChunks() throws FramingException {
        long seed = System.nanoTime();
        System.out.println("Lab03 lengthPrefixRandomChunks seed = " + seed);
        Scenario scenario = GradingAssertions.scenario("50 random frames, cut at random offsets (seed " + seed + ")",
                GUIDE, "Framing");
        Random random = new Random(seed);
        LengthPrefixFramer framer = new LengthPrefixFramer(2048);
        List<byte[]> sent = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            byte[] message = new byte[random.nextInt(2049)];
            random.nextBytes(message);
            sent.add(message);
            ByteBuffer framed = framer.encode(message);
            stream.write(framed.array(), framed.arrayOffset() + framed.position(), framed.remaining());
        }
        byte[] all = stream.toByteArray();
        List<byte[]> received = new ArrayList<>();
        for (int offset = 0; offset < all.length; ) {
            int chunk = Math.min(all.length - offset, 1 + random.nextInt(700));
            ByteBuffer in = ByteBuffer.wrap(all, offset, chunk);
            int at = offset;
            scenario.step("decode bytes " + at + ".." + (at + chunk - 1), () -> {
                byte[] message;
                while ((message = framer.decode(in)) != null) {
                    received.add(message);
                }
            });
            offset += chunk;
        }
        scenario.expectEquals("number of frames decoded", sent.size(), received.size(),
                "every complete frame must come out exactly once");
        for (int i = 0; i < sent.size(); i++) {
            scenario.expectBytes("frame " + i, sent.get(i), received.get(i), "a frame's payload is its bytes, unchanged");
        }
    }

    @Test
    @Points(3)
    @DisplayName("Your framers reject a message over the maximum size with a FramingException")
    void oversizedMessagesAreRejected() {
        Scenario scenario = GradingAssertions.scenario("limits: 16-byte lines, 16-byte frames", GUIDE, "Limits");
        expectFramingException(scenario, "LineFramer(16) fed 17 bytes without a newline",
                new LineFramer(16), ByteBuffer.wrap(new byte[17]));
        expectFramingException(scenario, "LengthPrefixFramer(16) fed a header announcing 17 bytes",
                new LengthPrefixFramer(16), ByteBuffer.allocate(4).putInt(0, 17));
        expectFramingException(scenario, "LengthPrefixFramer(16) fed a negative length",
                new LengthPrefixFramer(16), ByteBuffer.allocate(4).putInt(0, -1));
    }

    private static void expectFramingException(Scenario scenario, String step, MessageFramer framer, ByteBuffer in) {
        scenario.note(step);
        try {
            byte[] message = framer.decode(in);
            throw scenario.fail("decode() returned " + (message == null ? "null (\"need more\")" : message.length
                    + " bytes") + " instead of throwing FramingException", "without a limit, a peer can make the"
                    + " server buffer without bound; reject as soon as the limit is exceeded");
        } catch (FramingException expected) {
            scenario.note("FramingException: " + expected.getMessage());
        }
    }

    @Test
    @Points(2)
    @DisplayName("A stream that ends in the middle of a frame is reported as an error, not a short message")
    void truncatedFrameIsAnError() {
        Scenario scenario = GradingAssertions.scenario("stream of header(10) + 3 bytes, then end of stream", GUIDE, "Framing");
        InputStream truncated = new java.io.ByteArrayInputStream(new byte[] {0, 0, 0, 10, 'a', 'b', 'c'});
        MessageStream messages = new MessageStream(truncated, OutputStream.nullOutputStream(), new LengthPrefixFramer(), 64);
        scenario.note("MessageStream.read() over that stream");
        try {
            byte[] message = messages.read();
            throw scenario.fail("read() returned " + (message == null ? "null" : message.length + " bytes"),
                    "a peer that disconnects mid-message must not look like a clean end or a complete message");
        } catch (java.io.EOFException expected) {
            scenario.note("EOFException: " + expected.getMessage());
        } catch (IOException other) {
            throw scenario.fail("read() threw " + other + " instead of EOFException", "EOFException says: truncated");
        }
    }

    @Test
    @Points(3)
    @DisplayName("Your framed echo server closes a client that sends an oversized frame and keeps serving the others")
    void oversizedClientIsClosedOthersServed() throws Exception {
        Scenario scenario = GradingAssertions.scenario("one client announces 1 MB to a 1 KiB server", GUIDE, "Limits");
        BlockingQueue<Throwable> reasons = new LinkedBlockingQueue<>();
        try (TcpServer server = scenario.step("start TcpServer(FramedEchoHandler(LengthPrefixFramer(1024)))",
                () -> TcpServer.builder().handler(new FramedEchoHandler(() -> new LengthPrefixFramer(1024)))
                        .connectionListener((remote, reason) -> {
                            if (reason != null) {
                                reasons.add(reason);
                            }
                        }).start());
             Socket good = connect(server);
             Socket bad = connect(server)) {
            MessageStream goodMessages = MessageStream.of(good, new LengthPrefixFramer(1024));
            scenario.step("good client echoes \"before\"", () -> goodMessages.write("before".getBytes(StandardCharsets.UTF_8)));
            scenario.step("read the echo", goodMessages::read);
            scenario.step("bad client writes a header announcing 1,000,000 bytes",
                    () -> bad.getOutputStream().write(ByteBuffer.allocate(4).putInt(1_000_000).array()));
            Throwable reason = scenario.step("wait for the server to close the bad connection",
                    () -> reasons.poll(5, TimeUnit.SECONDS));
            scenario.expectTrue("the close reason was " + reason + ", not a FramingException",
                    reason instanceof FramingException, "the handler must let the framer's FramingException escape"
                            + " so the server closes the connection and logs why");
            int end = scenario.step("bad client's read()", () -> readOrMinusOne(bad));
            scenario.expectEquals("bad client's read()", -1, end, "the server closed the bad connection");
            scenario.step("good client echoes \"after\"", () -> goodMessages.write("after".getBytes(StandardCharsets.UTF_8)));
            byte[] echo = scenario.step("read the echo", goodMessages::read);
            scenario.expectBytes("the good client's echo", "after".getBytes(StandardCharsets.UTF_8), echo,
                    "one client's bad frame must not affect anyone else");
        }
    }

    private static int readOrMinusOne(Socket socket) {
        try {
            return socket.getInputStream().read();
        } catch (IOException reset) {
            return -1;                          // a reset is also a closed connection
        }
    }

    private static Socket connect(TcpServer server) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
        socket.connect(server.localAddress(), 5000);
        return socket;
    }
}
