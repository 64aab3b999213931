package org.socketlab.websocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.client.ClientOptions;
import org.socketlab.websocket.client.WebSocketClient;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.RecordingHandler;
import org.socketlab.websocket.testing.TestCertificates;
import org.socketlab.websocket.testing.TestEchoHandler;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/**
 * Issue 17 item 4: the handshake deadline was applied per {@code read()}, and the whole TLS
 * handshake runs inside the first one, so a ClientHello trickled one byte at a time (each byte
 * within the read timeout) kept a wss socket open forever; and a connection past
 * {@code maxConnections} was refused with a 503 written through TLS with no timeout at all, so
 * silent sockets waited in the TLS handshake forever. Both now end at the handshake deadline,
 * and a real TLS client is served meanwhile.
 */
@Timeout(60)
@ExtendWith(StopAfterEachExtension.class)
class TlsHandshakeDeadlineTest {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(3);
    /** Deadline plus scheduling slack on a loaded 2-core machine. */
    private static final int CUT_WITHIN_MILLIS = 12_000;
    /** Silent sockets past the limit; the long version runs 500 (docs/reliability-limits.md). */
    private static final int OVER_LIMIT = Integer.getInteger("socketlab.hostile.overLimitTls", 50);

    @StopAfterEach
    private WebSocketServer server;

    private void start(int maxConnections) throws Exception {
        server = WebSocketServer.builder().endpoint("/echo", new TestEchoHandler())
                .tls(TestCertificates.get().serverContext())
                .handshakeTimeout(HANDSHAKE_TIMEOUT)
                .maxConnections(maxConnections)
                .start();
    }

    private Socket rawSocket() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(CUT_WITHIN_MILLIS);
        return socket;
    }

    /** Reads until the server closes (true) or SO_TIMEOUT passes with the socket still open (false). */
    private static boolean closedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // an alert record may come first; the close is what counts
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private void aRealTlsClientIsServed() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        Session session = WebSocketClient.connect(URI.create("wss://localhost:" + server.port() + "/echo"), handler,
                ClientOptions.defaults().sslContext(TestCertificates.get().clientContext()));
        try {
            session.sendText("served over TLS meanwhile");
            assertThat(handler.nextMessage(Duration.ofSeconds(5))).isEqualTo("served over TLS meanwhile");
        } finally {
            session.close();
        }
    }

    @Test
    void aClientHelloTrickledOneByteAtATime_isCutAtTheHandshakeDeadline() throws Exception {
        start(100);
        AtomicBoolean trickling = new AtomicBoolean(true);
        try (Socket trickler = rawSocket()) {
            OutputStream out = trickler.getOutputStream();
            // A handshake record header announcing 512 bytes, then the body a byte at a time.
            out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00});
            out.flush();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    while (trickling.get()) {
                        out.write(0);
                        out.flush();
                        // Pacing the attack (each byte well within the per-read timeout), not synchronisation.
                        Thread.sleep(HANDSHAKE_TIMEOUT.toMillis() / 4);
                    }
                } catch (IOException | InterruptedException cut) {
                    // the server closed the socket: what the test waits for
                }
            });
            aRealTlsClientIsServed();
            long started = System.nanoTime();
            boolean closed = closedByServer(trickler);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            trickling.set(false);
            writer.join(5_000);
            assertThat(closed).as("the trickling socket was closed by the server (waited %d ms; deadline %s)",
                    waited, HANDSHAKE_TIMEOUT).isTrue();
        }
    }

    @Test
    void anUpgradeRequestTrickledInsideOneTlsRecord_isCutAtTheHandshakeDeadline() throws Exception {
        start(100);
        AtomicBoolean trickling = new AtomicBoolean(true);
        try (Socket plain = rawSocket()) {
            SSLSocket tls = (SSLSocket) TestCertificates.get().clientContext().getSocketFactory()
                    .createSocket(plain, "localhost", server.port(), false);
            tls.startHandshake(); // a real TLS handshake, well within the deadline
            OutputStream out = plain.getOutputStream();
            // Underneath TLS: an application-data record header announcing 4096 bytes, then a byte at a time.
            out.write(new byte[] {0x17, 0x03, 0x03, 0x10, 0x00});
            out.flush();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    while (trickling.get()) {
                        out.write(0);
                        out.flush();
                        Thread.sleep(HANDSHAKE_TIMEOUT.toMillis() / 4); // pacing the attack, not synchronisation
                    }
                } catch (IOException | InterruptedException cut) {
                    // the server closed the socket
                }
            });
            aRealTlsClientIsServed();
            boolean closed = closedByServer(plain);
            trickling.set(false);
            writer.join(5_000);
            assertThat(closed).as("a TLS record trickled after the handshake is cut at the deadline (%s)",
                    HANDSHAKE_TIMEOUT).isTrue();
        }
    }

    @Test
    void silentSocketsPastMaxConnections_doNotWaitInTheTlsHandshakeForever() throws Exception {
        start(2);
        RecordingHandler first = new RecordingHandler();
        RecordingHandler second = new RecordingHandler();
        ClientOptions options = ClientOptions.defaults().sslContext(TestCertificates.get().clientContext());
        URI uri = URI.create("wss://localhost:" + server.port() + "/echo");
        Session one = WebSocketClient.connect(uri, first, options);  // the two slots are taken
        Session two = WebSocketClient.connect(uri, second, options);
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < OVER_LIMIT; i++) {
                silent.add(rawSocket()); // over the limit; they never send a ClientHello
            }
            long cutBy = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CUT_WITHIN_MILLIS);
            int stillOpen = 0;
            for (Socket socket : silent) {
                socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(cutBy - System.nanoTime())));
                if (!closedByServer(socket)) {
                    stillOpen++;
                }
            }
            assertThat(stillOpen).as("over-limit wss sockets still open %d ms after connecting (deadline %s)",
                    CUT_WITHIN_MILLIS, HANDSHAKE_TIMEOUT).isZero();
            one.sendText("the admitted sessions are still served");
            assertThat(first.nextMessage(Duration.ofSeconds(5))).isEqualTo("the admitted sessions are still served");
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
            one.close();
            two.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.activeConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20); // bounded polling: the server's threads finish on their own
        }
        assertThat(server.activeConnections()).as("connections left open on the server").isZero();
        aRealTlsClientIsServed();
    }
}
