package org.socketlab.websocket.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socketlab.websocket.realtime.RealtimeConfig;
import org.socketlab.websocket.realtime.RealtimeService;
import org.socketlab.websocket.server.FrontDoor;

/**
 * Issue 17 item 5: an SSE (or stream) client that never reads used to hold its thread in a
 * blocking write forever, so the overflow check never ran. Every front-door write has a write
 * timeout now: the client is dropped and the feed forgets it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowStreamReaderTest {

    @Test
    void sseClientThatNeverReads_isDroppedAfterTheWriteTimeout() throws Exception {
        RealtimeService ticker = new RealtimeService("/", RealtimeConfig.defaults().withTickInterval(Duration.ZERO)
                .withMaxQueuedEvents(10_000_000));
        FrontDoor door = FrontDoor.builder().mount("/", ticker)
                .configure(c -> c.withFrontDoor(c.frontDoor().withWriteTimeout(Duration.ofMillis(500))))
                .start();
        try (Socket reader = new Socket()) {
            reader.setReceiveBufferSize(4096);
            reader.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), door.port()));
            reader.getOutputStream().write("GET /sse HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(ticker.awaitSubscribers(1, Duration.ofSeconds(10))).as("the SSE client subscribed").isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long published = 0;
            while (ticker.subscriberCount() > 0 && System.nanoTime() < deadline) {
                for (int i = 0; i < 1_000; i++) {
                    ticker.ticker().publish();
                }
                published += 1_000;
                Thread.onSpinWait();
            }
            assertThat(ticker.subscriberCount())
                    .as("subscribers after %d events to a client that reads nothing (write timeout 500 ms)", published)
                    .isZero();
            // And everyone else is still served.
            try (Socket fresh = new Socket(InetAddress.getLoopbackAddress(), door.port())) {
                fresh.setSoTimeout(10_000);
                fresh.getOutputStream().write("GET /poll HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = fresh.getInputStream();
                assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            }
        } finally {
            ticker.close();
            door.stop(Duration.ofSeconds(1));
        }
    }
}
