package org.socketlab.labs;

import java.io.IOException;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.api.WebSocketHandler;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.frame.CloseCode;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import org.socketlab.websocket.frame.CloseStatus;

/**
 * Lab 10 — ping/pong, timeouts and the closing handshake (RFC 6455 §5.5, §7).
 *
 * <p>TCP alone cannot tell a quiet peer from a dead one: a cable pulled out sends no FIN. A
 * WebSocket server therefore pings; a live peer answers with a pong, a dead one does not, and
 * after the pong timeout the server gives up (1011). Closing is a handshake too: each side
 * sends a close frame with a code, and the server closes TCP first. Guide:
 * labs/guides/10-ping-pong-close.md.
 */
public final class Lab10PingPongClose {

    static final String TITLE = "Ping/pong, timeouts, close";
    static final String SUMMARY = "heartbeat, a live peer answering pings, a dead peer found by pong timeout, every close code";

    public static final Duration PING_INTERVAL = Duration.ofMillis(300);
    public static final Duration PONG_TIMEOUT = Duration.ofMillis(500);

    private Lab10PingPongClose() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="10 --help"}. */
    @Command(name = "lab 10", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options {
    }

    public static void main(String[] args) throws Exception {
        Cli.parse(new Options(), args);
        System.out.println("Lab 10 — ping/pong, timeouts and close (RFC 6455 §5.5, §7)");
        LinkedBlockingQueue<CloseStatus> serverCloses = new LinkedBlockingQueue<>();
        try (WebSocketServer server = startServer(serverCloses)) {
            System.out.println("  server on " + server.uri("/") + ", ping every " + PING_INTERVAL.toMillis()
                    + " ms, pong timeout " + PONG_TIMEOUT.toMillis() + " ms");
            liveClient(server);
            serverCloses.poll(5, TimeUnit.SECONDS); // the live client's session
            deadPeer(server, serverCloses);
        }
        closeCodes();
        System.out.println();
        System.out.println("Done. Next: labs/guides/10-ping-pong-close.md, section \"Experiments\".");
    }

    public static WebSocketServer startServer(LinkedBlockingQueue<CloseStatus> serverCloses) throws IOException {
        return WebSocketServer.builder()
                .endpoint("/", new WebSocketHandler() {
                    @Override
                    public void onText(Session session, String text) {
                        session.sendText(text);
                    }

                    @Override
                    public void onClose(Session session, CloseStatus status) {
                        System.out.println("   => server: session " + session.id() + " closed with " + status.code() + " "
                                + status.closeCode().description() + (status.reason().isEmpty() ? "" : " (" + status.reason() + ")"));
                        serverCloses.add(status);
                    }
                })
                .pingInterval(PING_INTERVAL)
                .pongTimeout(PONG_TIMEOUT)
                .start();
    }

    /** A healthy client answers every ping by itself (auto-pong) and closes cleanly. */
    public static CloseStatus liveClient(WebSocketServer server) throws Exception {
        part("1. A live client: pings are answered, then a clean close");
        CountDownLatch threePings = new CountDownLatch(3);
        Session client = WebSocketClient.connect(URI.create(server.uri("/")), new WebSocketHandler() {
            @Override
            public void onPing(Session session, ByteBuffer payload) {
                System.out.println("  client: ping received (" + payload.remaining() + " bytes) -> pong sent back");
                threePings.countDown();
            }
        });
        if (!threePings.await(5, TimeUnit.SECONDS)) {
            System.out.println("   => no pings arrived: is the ping interval configured?");
        }
        client.close(1000, "done");
        CloseStatus status = client.closeFuture().get(5, TimeUnit.SECONDS);
        System.out.println("   => client: closed " + status.code() + ", clean=" + status.clean()
                + " (both close frames exchanged, the server closed TCP first)");
        return status;
    }

    /** A peer that completed the handshake and then went silent: only the pong timeout finds it. */
    public static Duration deadPeer(WebSocketServer server, LinkedBlockingQueue<CloseStatus> serverCloses) throws Exception {
        part("2. A dead peer: detected by the pong timeout");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            System.out.println("  peer: handshake sent; from now on it never answers a ping");
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String head = Lab08Handshake.readHead(in);
            System.out.println("  peer: " + head.lines().findFirst().orElse("(no response)"));
            int closeCode = readUntilClose(in, start);
            System.out.println("  peer: the server's close frame says " + closeCode + " ("
                    + CloseCode.of(closeCode).description() + ")");
            while (in.read() != -1) {
                // wait for the FIN: RFC 6455 §7.1.1, the server closes TCP first
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("  peer: read() returned -1 (the server closed TCP) after " + elapsed.toMillis() + " ms");
            serverCloses.poll(5, TimeUnit.SECONDS);
            return elapsed;
        }
    }

    /** Reads server frames (small, unmasked control frames) until the close frame; returns its code. */
    public static int readUntilClose(DataInputStream in, long start) throws IOException {
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0F;
            int length = in.readUnsignedByte() & 0x7F; // control frames: at most 125 bytes, one length byte
            byte[] payload = new byte[length];
            in.readFully(payload);
            long at = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (opcode == 0x9) {
                System.out.println("  peer: +" + at + " ms ping arrived — the dead peer does not answer");
            } else if (opcode == 0x8) {
                System.out.println("  peer: +" + at + " ms close frame arrived");
                return length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            }
        }
    }

    /** Every close code of RFC 6455 §7.4.1 and whether it may travel in a close frame. */
    public static void closeCodes() {
        part("3. Every close code (RFC 6455 §7.4.1, §7.4.2)");
        for (int code : new int[] {1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013,
                1014, 1015, 3000, 4000}) {
            System.out.printf("  %d  %-40s %s%n", code, CloseCode.of(code).description(),
                    CloseCode.isValidOnWire(code) ? "may be sent" : "NEVER on the wire (local status only)");
        }
    }

    private static void part(String title) {
        System.out.println();
        System.out.println(title);
        System.out.println("-".repeat(title.length()));
    }
}
