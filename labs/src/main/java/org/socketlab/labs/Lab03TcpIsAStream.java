package org.socketlab.labs;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.socketlab.tcp.CloseReasons;
import org.socketlab.tcp.NagleDemo;
import org.socketlab.tcp.TcpServer;
import org.socketlab.tcp.framing.FramedEchoHandler;
import org.socketlab.tcp.framing.LengthPrefixFramer;
import org.socketlab.tcp.framing.LineFramer;
import org.socketlab.tcp.framing.MessageFramer;
import org.socketlab.tcp.framing.MessageStream;
import org.socketlab.tcp.framing.StreamBoundaryDemo;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 03 — TCP delivers a stream of bytes, not messages.
 *
 * <p>Options: {@code --rounds N} for the Nagle measurement (default 20).
 */
public final class Lab03TcpIsAStream {

    static final String TITLE = "TCP is a stream";
    static final String SUMMARY = "coalesced and split reads, line and length-prefix framing, size limits, Nagle";

    private Lab03TcpIsAStream() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="03 --help"}. */
    @Command(name = "lab 03", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options implements Cli.Validated {
        @Option(names = "--rounds", description = "request/response rounds in the Nagle part (default: ${DEFAULT-VALUE})")
        int rounds = 20;

        @Override
        public void validate() {
            Cli.requireRange("--rounds", rounds, 1, 10_000);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        Narrator narrator = new Narrator();
        coalescing(narrator);
        splitting(narrator);
        framing(narrator);
        oversizedFrame(narrator);
        nagle(narrator, options.rounds);
        narrator.part("Done");
        narrator.say("Next: labs/guides/03-tcp-is-a-stream.md, section \"Experiments\".");
    }

    private static void coalescing(Narrator narrator) throws IOException {
        narrator.part("Part 1: ten writes, fewer reads");
        StreamBoundaryDemo.Exchange exchange = StreamBoundaryDemo.coalescedWrites(10, 12);
        narrator.syscall("write() x10", "The sender wrote 10 messages of 12 bytes, each in its own write(),"
                + " with TCP_NODELAY so each left at once: " + exchange.writeSizes());
        narrator.syscall("read()", "The receiver called read() only after all of them had arrived. Sizes returned: "
                + exchange.readSizes());
        narrator.observe("bytes received: \"" + new String(exchange.received(), StandardCharsets.US_ASCII) + "\"");
        narrator.observe("Where does message 3 end? The stream does not say. The kernel hands read() whatever"
                + " is in the receive buffer.");
    }

    private static void splitting(Narrator narrator) throws IOException {
        narrator.part("Part 2: one write, many reads");
        StreamBoundaryDemo.Exchange exchange = StreamBoundaryDemo.splitWrite(1 << 20, 16 * 1024);
        narrator.syscall("setsockopt()", "The receiver set SO_RCVBUF to 16 KiB (a small TCP window).");
        narrator.syscall("write()", "The sender wrote 1 MiB in ONE write() call.");
        List<Integer> reads = exchange.readSizes();
        narrator.syscall("read()", "The receiver, with a 1 MiB buffer, needed " + reads.size() + " read() calls;"
                + " the first few returned " + reads.subList(0, Math.min(6, reads.size())) + " bytes.");
        narrator.observe("A read() may return any number of bytes from 1 to the buffer size. Never assume one"
                + " read() = one write().");
    }

    private static void framing(Narrator narrator) throws IOException {
        narrator.part("Part 3: framing puts the boundaries back");
        byte[] stream = "GET one\nGET two\r\nGET three\n".getBytes(StandardCharsets.US_ASCII);
        MessageFramer lines = new LineFramer(64);
        int found = 0;
        for (byte b : stream) {                              // worst case: one byte per read()
            byte[] line = lines.decode(ByteBuffer.wrap(new byte[] {b}));
            if (line != null) {
                found++;
                narrator.say("line framer, fed one byte at a time, found message " + found + ": \""
                        + new String(line, StandardCharsets.US_ASCII) + "\"");
            }
        }
        MessageFramer frames = new LengthPrefixFramer(1024);
        ByteBuffer two = ByteBuffer.allocate(64);
        two.put(frames.encode("hello".getBytes(StandardCharsets.US_ASCII)))
                .put(frames.encode("world!".getBytes(StandardCharsets.US_ASCII))).flip();
        narrator.say("length-prefix framing, two frames in one buffer: " + hex(two));
        narrator.say("  -> \"" + new String(frames.decode(two), StandardCharsets.US_ASCII) + "\" and \""
                + new String(frames.decode(two), StandardCharsets.US_ASCII) + "\"");
        narrator.observe("Both framers keep unfinished bytes between read() calls and never return half a message.");
    }

    private static void oversizedFrame(Narrator narrator) throws Exception {
        narrator.part("Part 4: a frame that is too large");
        BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
        try (TcpServer server = TcpServer.builder()
                .handler(new FramedEchoHandler(() -> new LengthPrefixFramer(1024)))
                .connectionListener((remote, reason) -> reasons.add(CloseReasons.describe(reason)))
                .start();
             Socket client = new Socket()) {
            client.setSoTimeout(5000);
            client.connect(server.localAddress(), 5000);
            OutputStream out = client.getOutputStream();
            out.write(ByteBuffer.allocate(4).putInt(50_000_000).array());
            narrator.syscall("write()", "A client announces a 50,000,000-byte frame to a server whose limit is 1 KiB.");
            narrator.observe("server closed the connection: " + reasons.poll(5, TimeUnit.SECONDS));
            narrator.syscall("read()", "The client's read() returns " + readOrReset(client)
                    + ". The server never allocated 50 MB: it checked the length first.");
            try (Socket good = new Socket()) {
                good.connect(server.localAddress(), 5000);
                MessageStream messages = MessageStream.of(good, new LengthPrefixFramer(1024));
                messages.write("still serving?".getBytes(StandardCharsets.UTF_8));
                narrator.observe("another client still gets its echo: \""
                        + new String(messages.read(), StandardCharsets.UTF_8) + "\"");
            }
        }
    }

    private static String readOrReset(Socket client) {
        try {
            return String.valueOf(client.getInputStream().read());
        } catch (IOException e) {
            return "an error (" + e.getMessage() + ")";
        }
    }

    private static void nagle(Narrator narrator, int rounds) throws IOException {
        narrator.part("Part 5: Nagle's algorithm and write-write-read");
        narrator.say("Each request is written as a 2-byte header and a 10-byte body (two write() calls),");
        narrator.say("then the client waits in read() for a 1-byte reply. " + rounds + " rounds each.");
        Duration nagleOn = NagleDemo.medianRoundTrip(false, rounds);
        narrator.syscall("setsockopt()", "TCP_NODELAY=false (Nagle on): median round trip " + millis(nagleOn));
        Duration nagleOff = NagleDemo.medianRoundTrip(true, rounds);
        narrator.syscall("setsockopt()", "TCP_NODELAY=true  (Nagle off): median round trip " + millis(nagleOff));
        narrator.observe("With Nagle on, the body waits for the ACK of the header, and the server delays that"
                + " ACK (~40 ms on Linux). Fix: TCP_NODELAY, or better, one write() per message.");
    }

    private static String millis(Duration duration) {
        return String.format("%.3f ms", duration.toNanos() / 1e6);
    }

    private static String hex(ByteBuffer buffer) {
        StringBuilder text = new StringBuilder();
        for (int i = buffer.position(); i < buffer.limit(); i++) {
            text.append(String.format("%02x ", buffer.get(i)));
        }
        return text.toString().trim();
    }
}
