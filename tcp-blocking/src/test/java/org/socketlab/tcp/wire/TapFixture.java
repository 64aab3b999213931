package org.socketlab.tcp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A tap between a test's client socket and a target {@link ServerSocket} the test accepts from
 * itself, so the test holds both real ends: client → tap → target. Every blocking call has a
 * timeout; the tap's output is collected for assertions.
 */
final class TapFixture implements AutoCloseable {

    static final int TIMEOUT_MILLIS = 5_000;

    final ServerSocket target;
    final WireTap tap;
    final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    TapFixture(Supplier<Dissector> dissectors, PcapWriter pcap) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        target = new ServerSocket(0, 50, loopback);
        target.setSoTimeout(TIMEOUT_MILLIS);
        tap = WireTap.builder().target(new InetSocketAddress(loopback, target.getLocalPort()))
                .dissectors(dissectors).pcap(pcap).output(output::add).start();
    }

    TapFixture() throws IOException {
        this(Dissector::none, null);
    }

    /** A client connected through the tap, with a read timeout. */
    Socket connectClient() throws IOException {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), tap.port());
        client.setSoTimeout(TIMEOUT_MILLIS);
        return client;
    }

    /** The tap's connection to the target, as the target sees it. */
    Socket acceptAtTarget() throws IOException {
        Socket accepted = target.accept();
        accepted.setSoTimeout(TIMEOUT_MILLIS);
        return accepted;
    }

    /** Waits (bounded) for a block of tap output that matches, and returns it. */
    String awaitOutput(Predicate<String> matches, String description) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        synchronized (seen) {
            for (String block : seen) {
                if (matches.test(block)) {
                    return block;
                }
            }
            while (System.nanoTime() < deadline) {
                String block = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (block == null) {
                    break;
                }
                seen.add(block);
                if (matches.test(block)) {
                    return block;
                }
            }
            assertThat(seen).as("tap output never showed " + description).isEmpty();
            return null;
        }
    }

    String awaitOutputContaining(String text) throws InterruptedException {
        return awaitOutput(block -> block.contains(text), "\"" + text + "\"");
    }

    @Override
    public void close() throws IOException {
        tap.close();
        target.close();
    }
}
