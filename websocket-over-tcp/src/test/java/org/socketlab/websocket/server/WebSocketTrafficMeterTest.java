package org.socketlab.websocket.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.socketlab.websocket.handshake.HandshakePolicy;
import org.socketlab.websocket.testing.RawWebSocket;
import org.socketlab.websocket.testing.TestEchoHandler;

/**
 * A route's {@link TrafficMeter} (lab 07) counts its WebSocket's bytes after the upgrade exactly,
 * on every transport: the upgrade request and the 101, then every frame both ways — a small
 * message, one with a 16-bit length, one of 70,000 bytes (larger than the event loop's 64 KiB
 * read buffer and than a single non-blocking write takes at once), and the close handshake.
 *
 * <p>Before the event loop counted into the meter, the {@code EVENT_LOOP} case failed with only
 * the request head counted in and only the 101 counted out.
 */
@Timeout(30)
class WebSocketTrafficMeterTest {

    /** Thread-safe: the blocking transport counts from its reader and writer threads. */
    private static final class CountingMeter implements TrafficMeter {
        final AtomicLong in = new AtomicLong();
        final AtomicLong out = new AtomicLong();

        @Override
        public void bytesIn(long count) {
            in.addAndGet(count);
        }

        @Override
        public void bytesOut(long count) {
            out.addAndGet(count);
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectionThreads.class)
    void everyByteOfTheWebSocketIsCountedIntoTheRoutesMeter(ConnectionThreads threads) throws Exception {
        CountingMeter meter = new CountingMeter();
        try (FrontDoor door = FrontDoor.builder().connectionThreads(threads).mount("/metered/", exchange -> {
            exchange.meter(meter);
            exchange.upgrade(UpgradeOptions.of(HandshakePolicy.defaults()), new TestEchoHandler());
        }).start()) {
            long expectedIn;
            long expectedOut;
            try (RawWebSocket client = RawWebSocket.connect(door.port(), "/metered/ws")) {
                // ASCII both: a char is a byte.
                expectedIn = RawWebSocket.upgradeRequest(door.port(), "/metered/ws", "").length();
                expectedOut = client.responseHead().length();
                for (int length : new int[] {1, 200, 70_000}) {
                    String text = "x".repeat(length);
                    client.sendText(text);
                    assertThat(client.readMessage().text()).as("echo of %d bytes", length).isEqualTo(text);
                    expectedIn += maskedHeaderLength(length) + length;
                    expectedOut += serverHeaderLength(length) + length;
                }
                client.sendClose(1000, "");
                assertThat(client.readFrame().closeCode()).as("close reply").isEqualTo(1000);
                expectedIn += 6 + 2;
                expectedOut += 2 + 2;
                client.expectTcpClose();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((meter.in.get() != expectedIn || meter.out.get() != expectedOut) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10); // bounded polling: the server counts its last write after we read it
            }
            assertThat(meter.in.get()).as("bytes in counted on %s (expected %d)", threads, expectedIn).isEqualTo(expectedIn);
            assertThat(meter.out.get()).as("bytes out counted on %s (expected %d)", threads, expectedOut)
                    .isEqualTo(expectedOut);
        }
    }

    /** RFC 6455 §5.2: 2 bytes, then 2 or 8 of extended length, then the 4-byte mask key. */
    private static int maskedHeaderLength(int length) {
        return serverHeaderLength(length) + 4;
    }

    private static int serverHeaderLength(int length) {
        return length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    }
}
