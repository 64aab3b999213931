package org.socketlab.websocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.TestEchoHandler;

/**
 * Issue 17 item 1, frame side: a header that declares a large payload, then silence. Fourteen
 * bytes per connection used to allocate the whole declared payload at once (16 MiB each; 15
 * connections filled a 256 MB heap). Now memory follows the bytes received: 200 such
 * connections stay within a small heap bound, a fresh client is still served, and each attacker
 * is cut off with 1008 once the frame timeout has passed (RFC 6455 §7.1.7, §7.4.1).
 */
@Timeout(90)
class DeclaredLengthThenSilenceTest {

    private static final int ATTACKERS = 200;
    private static final int DECLARED = 16 << 20;
    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(4);
    /** 200 idle connections legitimately cost a few MiB; 200 declared payloads would be 3.2 GiB. */
    private static final long HEAP_BOUND = 96L << 20;

    private WebSocketServer server;
    private final List<RawWebSocket> attackers = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (RawWebSocket attacker : attackers) {
            attacker.close();
        }
        if (server != null) {
            server.stop(Duration.ofSeconds(2));
        }
    }

    /** A masked binary frame header declaring {@code length} bytes (2 + 8 + 4 bytes), no payload. */
    private static byte[] header(long length) {
        return ByteBuffer.allocate(14).put((byte) 0x82).put((byte) (0x80 | 127)).putLong(length)
                .put(new byte[] {1, 2, 3, 4}).array();
    }

    private static long liveHeapBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void twoHundredSixteenMebibyteHeadersThenSilence_costLittle_andAreCutAtTheFrameTimeout() throws IOException {
        server = WebSocketServer.builder().endpoint("/", new TestEchoHandler())
                .configure(c -> c.withProtocol(c.protocol().withMaxFramePayload(32 << 20).withMaxMessageSize(32 << 20)
                        .withFrameTimeout(FRAME_TIMEOUT)))
                .start();
        long heapBefore = liveHeapBytes();
        long firstHeaderNanos = System.nanoTime();
        for (int i = 0; i < ATTACKERS; i++) {
            RawWebSocket attacker = RawWebSocket.connect(server.port(), "/");
            attackers.add(attacker);
            attacker.sendRaw(header(DECLARED));
        }
        long lastHeaderNanos = System.nanoTime();

        try (RawWebSocket fresh = RawWebSocket.connect(server.port(), "/")) {
            fresh.sendText("still served?");
            assertThat(fresh.readMessage().text()).as("echo to a fresh client while %d attackers hold frames open", ATTACKERS)
                    .isEqualTo("still served?");
        }
        // Bounded polling (no fixed sleep): watch the heap for 1.5 s while every header sits in the server.
        long watchUntil = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        long worstGrowth = 0;
        do {
            worstGrowth = Math.max(worstGrowth, liveHeapBytes() - heapBefore);
            assertThat(worstGrowth).as("live heap growth with %d connections each declaring %d bytes", ATTACKERS, DECLARED)
                    .isLessThan(HEAP_BOUND);
        } while (System.nanoTime() < watchUntil);

        for (RawWebSocket attacker : attackers) {
            attacker.socket().setSoTimeout((int) FRAME_TIMEOUT.toMillis() + 10_000);
            RawWebSocket.RawFrame close = attacker.expectCloseAndTcpClose();
            assertThat(close.closeCode()).as("close code for a frame left unfinished past the frame timeout")
                    .isEqualTo(1008);
        }
        long elapsedSinceFirst = System.nanoTime() - firstHeaderNanos;
        assertThat(Duration.ofNanos(elapsedSinceFirst)).as("attackers were cut only after the frame timeout")
                .isGreaterThanOrEqualTo(FRAME_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - lastHeaderNanos)).as("and not long after it")
                .isLessThan(FRAME_TIMEOUT.plusSeconds(15));
    }
}
