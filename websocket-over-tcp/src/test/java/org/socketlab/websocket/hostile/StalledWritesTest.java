package org.socketlab.websocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.api.Session;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.TestEchoHandler;
import org.socketlab.websocket.frame.CloseStatus;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketlab.websocket.testing.StopAfterEach;
import org.socketlab.websocket.testing.StopAfterEachExtension;

/**
 * Peers that stop reading while the server writes to them. The echo is written on the reader's
 * own thread when the outbound queue is idle (the direct path), and a blocking {@code write} has
 * no timeout in java.net: without the write watchdog such a peer would hold its reader forever
 * (no timers, no close). The watchdog closes the socket once a write has made no progress for the
 * send timeout; a peer that reads slowly but steadily is not touched.
 */
@Timeout(30)
@ExtendWith(StopAfterEachExtension.class)
class StalledWritesTest {

    private static final Duration SEND_TIMEOUT = Duration.ofMillis(700);
    /** Scan interval of the watchdog (100 ms) plus scheduling slack on a busy 2-core machine. */
    private static final Duration MARGIN = Duration.ofMillis(1_500);
    private static final int MESSAGE = 64 * 1024;

    private final Map<String, CompletableFuture<Long>> closedAt = new ConcurrentHashMap<>();
    @StopAfterEach
    private WebSocketServer server;

    /** Echoes, and records when each session's onClose ran (System.nanoTime) and with which code. */
    private final class ClosingEcho extends TestEchoHandler {
        final Map<String, Integer> codes = new ConcurrentHashMap<>();

        @Override
        public void onOpen(Session session) {
            closedAt.put(session.id(), new CompletableFuture<>());
        }

        @Override
        public void onClose(Session session, CloseStatus status) {
            codes.put(session.id(), status.code());
            closedAt.get(session.id()).complete(System.nanoTime());
        }
    }

    private ClosingEcho start() throws IOException {
        ClosingEcho handler = new ClosingEcho();
        server = WebSocketServer.builder().endpoint("/", handler)
                .configure(c -> c.withSendTimeout(SEND_TIMEOUT)).start();
        return handler;
    }

    @Test
    void aPeerThatSendsButNeverReads_isCutOffWithinTheSendTimeout_whileAnotherConnectionIsServed() throws Exception {
        ClosingEcho handler = start();
        RawWebSocket flooder = RawWebSocket.connect(server.port(), "/");
        String flooderId = awaitSessions(1);
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        Thread flood = Thread.ofVirtual().name("never-reads").start(() -> {
            byte[] frame = RawWebSocket.frame(true, 0, 0x2, new byte[MESSAGE], true);
            try {
                while (true) {
                    flooder.sendRaw(frame); // echoes pile up: the server's write blocks, then its reads stop
                    lastProgress.set(System.nanoTime());
                }
            } catch (IOException cutOff) {
                // the server closed the socket
            }
        });

        try (RawWebSocket normal = RawWebSocket.connect(server.port(), "/")) {
            for (int i = 0; i < 100; i++) {
                normal.sendText("message " + i);
                assertThat(normal.readFrame().text()).as("echo %d while the other peer stalls", i).isEqualTo("message " + i);
            }
        }

        long cutAt = closedAt.get(flooderId).get(SEND_TIMEOUT.plus(MARGIN).toSeconds() + 15, TimeUnit.SECONDS);
        assertThat(handler.codes.get(flooderId)).as("the stalled peer's close code (no close handshake)").isEqualTo(1006);
        Duration stalledFor = Duration.ofNanos(cutAt - lastProgress.get());
        // The server's write stalled no later than the flooder's last successful send.
        assertThat(stalledFor).as("time from the flooder's last progress to the cut")
                .isLessThan(SEND_TIMEOUT.plus(MARGIN));
        assertThat(flood.join(Duration.ofSeconds(10))).as("the flooder's sends fail once it is cut").isTrue();
        flooder.close();
    }

    @Test
    void aPeerThatReadsSlowlyButSteadily_isNotCut_evenWhenTheWholeTransferTakesLongerThanTheSendTimeout() throws Exception {
        ClosingEcho handler = start();
        int messages = 96; // 6 MiB: more than the kernel buffers on both sides hold
        try (Socket slow = new Socket()) {
            // A modest window, so the server's writes block. Not below loopback's 64 KiB MSS: a window
            // smaller than one segment stalls TCP on zero-window probes (the peer would look dead).
            slow.setReceiveBufferSize(256 * 1024);
            slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);
            slow.setSoTimeout(5_000);
            slow.getOutputStream().write(RawWebSocket.upgradeRequest(server.port(), "/", "").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = slow.getInputStream();
            skipResponseHead(in);
            String id = awaitSessions(1);
            Thread sender = Thread.ofVirtual().start(() -> {
                byte[] frame = RawWebSocket.frame(true, 0, 0x2, new byte[MESSAGE], true);
                try {
                    for (int i = 0; i < messages; i++) {
                        slow.getOutputStream().write(frame);
                    }
                } catch (IOException e) {
                    // reported below: the echoes would be short
                }
            });
            long expected = (long) messages * (MESSAGE + 10); // unmasked server frame: 2 + 8 header bytes
            long received = 0;
            long started = System.nanoTime();
            byte[] chunk = new byte[MESSAGE];
            while (received < expected) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                received += n;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // pacing: a slow reader, not a wait for an event
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(received).as("every echoed byte arrived (took %s)", took).isEqualTo(expected);
            assertThat(closedAt.get(id)).as("the slow reader's session is still open").isNotDone();
            assertThat(handler.codes).isEmpty();
            assertThat(sender.join(Duration.ofSeconds(5))).isTrue();
        }
    }

    /**
     * Waits for {@code count} open sessions whose {@code onOpen} has run and returns the id of one
     * of them. The server lists a session before its handler's {@code onOpen} runs (on the event
     * loop the two happen on different threads), so waiting for the list alone can return an id that
     * {@link #closedAt} does not know yet.
     */
    private String awaitSessions(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            String opened = server.sessions().stream().map(Session::id).filter(closedAt::containsKey)
                    .findFirst().orElse(null);
            if (opened != null && server.sessions().size() >= count && closedAt.size() >= count) {
                return opened;
            }
            assertThat(System.nanoTime()).as("%d sessions opened within 5 s", count).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // bounded poll
        }
    }

    private static void skipResponseHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the handshake response");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
