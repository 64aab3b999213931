package org.socketlab.websocket.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.socketlab.tcp.TcpServer;
import org.socketlab.tcp.wire.WireTap;

/**
 * With the HTTP/WebSocket dissector plugged in, the tap still relays every byte unchanged —
 * including streams the dissector cannot parse: handshakes, frames and random bytes mixed and
 * cut at random. The target echoes, so both directions are checked. Seeds are in the messages.
 */
class DissectingTapTransparencyPropertiesTest {

    private static final byte[][] PIECES = {
        HttpWebSocketDissectorTest.RFC_REQUEST.getBytes(StandardCharsets.US_ASCII),
        HttpWebSocketDissectorTest.RFC_RESPONSE.getBytes(StandardCharsets.US_ASCII),
        HttpWebSocketDissectorTest.MASKED_HELLO,
        Feeding.hex("82 7e 0100"),                                         // a 256-byte frame header, body random
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".getBytes(StandardCharsets.US_ASCII),
    };

    private static TcpServer echoTarget;
    private static WireTap tap;
    private static ExecutorService writers;
    private static final AtomicLong linesPrinted = new AtomicLong();

    @BeforeContainer
    static void start() throws IOException {
        echoTarget = TcpServer.builder().handler(socket -> {
            socket.getInputStream().transferTo(socket.getOutputStream());
            socket.shutdownOutput();
        }).start();
        tap = WireTap.builder().target(new InetSocketAddress(InetAddress.getLoopbackAddress(), echoTarget.port()))
                .dissectors(HttpWebSocketDissector::new).maxDumpBytes(32)
                .output(block -> linesPrinted.incrementAndGet()).start();
        writers = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterContainer
    static void stop() {
        tap.close();
        echoTarget.close();
        writers.close();
    }

    @Property(tries = 30)
    void everyByteArrivesUnchanged(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        byte[] sent = mixedStream(random);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), tap.port())) {
            client.setSoTimeout(10_000);
            Future<?> writing = writers.submit(() -> {
                writeInRandomChunks(client.getOutputStream(), sent, new Random(~seed));
                client.shutdownOutput();
                return null;
            });
            byte[] received = client.getInputStream().readAllBytes();
            writing.get(10, TimeUnit.SECONDS);
            assertThat(Arrays.mismatch(sent, received)).as("seed %d: %d bytes sent, %d back, first difference at",
                    seed, sent.length, received.length).isEqualTo(-1);
        }
        assertThat(linesPrinted.get()).as("the tap reported what it relayed").isPositive();
    }

    private static byte[] mixedStream(Random random) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = random.nextInt(30); i >= 0; i--) {
            if (random.nextBoolean()) {
                stream.writeBytes(PIECES[random.nextInt(PIECES.length)]);
            } else {
                byte[] noise = new byte[random.nextInt(2_000)];
                random.nextBytes(noise);
                stream.writeBytes(noise);
            }
        }
        return stream.toByteArray();
    }

    private static void writeInRandomChunks(OutputStream out, byte[] bytes, Random random) throws IOException {
        for (int offset = 0; offset < bytes.length; ) {
            int length = Math.min(bytes.length - offset, 1 + random.nextInt(random.nextBoolean() ? 8 : 4_096));
            out.write(bytes, offset, length);
            out.flush();
            offset += length;
        }
    }
}
