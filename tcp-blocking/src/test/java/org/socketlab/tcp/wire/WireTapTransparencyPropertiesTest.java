package org.socketlab.tcp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.socketlab.tcp.TcpServer;

/**
 * The tap is transparent: whatever bytes go in, in whatever chunks, the same bytes come out on
 * the other side, in both directions at once. The target echoes what it reads, re-chunked at
 * random, so every try checks client → server and server → client. The seed of each try is
 * printed in the failure message (and jqwik reports its own seed to rerun the whole property).
 */
class WireTapTransparencyPropertiesTest {

    private static TcpServer echoTarget;
    private static WireTap tap;
    private static ExecutorService writers;

    @BeforeContainer
    static void start() throws IOException {
        echoTarget = TcpServer.builder().handler(WireTapTransparencyPropertiesTest::echoInRandomChunks).start();
        tap = WireTap.builder()
                .target(new InetSocketAddress(InetAddress.getLoopbackAddress(), echoTarget.port()))
                .output(block -> { })                          // printing is tested elsewhere; keep tries fast
                .maxDumpBytes(64)
                .start();
        writers = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterContainer
    static void stop() {
        tap.close();
        echoTarget.close();
        writers.close();
    }

    @Property(tries = 40)
    void everyByteArrivesUnchangedInBothDirections(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        byte[] sent = new byte[random.nextInt(200_000)];
        random.nextBytes(sent);
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), tap.port())) {
            client.setSoTimeout(10_000);
            Future<?> writing = writers.submit(() -> {
                writeInRandomChunks(client.getOutputStream(), sent, new Random(seed ^ 0x5DEECE66DL));
                client.shutdownOutput();                       // FIN: the target echoes, then closes
                return null;
            });
            byte[] received = client.getInputStream().readAllBytes();
            writing.get(10, TimeUnit.SECONDS);
            int firstDifference = Arrays.mismatch(sent, received);
            assertThat(firstDifference)
                    .as("seed %d: sent %d bytes, got %d back; first difference at offset %d",
                            seed, sent.length, received.length, firstDifference)
                    .isEqualTo(-1);
        }
    }

    /** Writes {@code bytes} as chunks of 1 byte to 16 KiB, each flushed on its own. */
    static void writeInRandomChunks(OutputStream out, byte[] bytes, Random random) throws IOException {
        int offset = 0;
        while (offset < bytes.length) {
            int length = Math.min(bytes.length - offset, random.nextBoolean() ? 1 + random.nextInt(16) : 1 + random.nextInt(16_384));
            out.write(bytes, offset, length);
            out.flush();
            offset += length;
        }
    }

    private static void echoInRandomChunks(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        Random random = new Random(socket.getPort());
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buffer = new byte[8192];
        for (int count; (count = in.read(buffer)) >= 0; ) {
            writeInRandomChunks(out, Arrays.copyOf(buffer, count), random);
        }
        socket.shutdownOutput();
    }
}
