package org.socketlab.udp.transfer;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.socketlab.udp.lossy.Impairment;
import org.socketlab.udp.lossy.LinkStats;
import org.socketlab.udp.lossy.LossyLink;
import org.socketlab.udp.reliable.Protocol;
import org.socketlab.udp.reliable.ReliabilityConfig;
import org.socketlab.udp.reliable.ReliableReceiver;
import org.socketlab.udp.reliable.ReliableSender;
import org.socketlab.udp.reliable.StreamComparison;
import org.socketlab.udp.reliable.TransferFailedException;
import org.socketlab.udp.reliable.TransferReport;

/**
 * A whole transfer over real loopback sockets: receiver socket ← {@link LossyLink} ← sender
 * socket, each end driven by a {@link DatagramEndpointRunner} on its own thread. Used by the
 * lab and by the end-to-end tests; the per-segment logic is the same pure code the
 * {@code SimulatedTransfer} exercises in virtual time.
 */
public final class SocketTransfer {

    /** The report plus what the link did. */
    public record Result(TransferReport report, LinkStats link) {
    }

    private SocketTransfer() {
    }

    @SuppressWarnings("try") // receiverSocket is closed early on purpose: that stops the lingering receiver
    public static Result run(Protocol protocol, byte[] data, ReliabilityConfig config, Impairment impairment,
                             long seed, Duration limit) throws IOException, TransferFailedException, InterruptedException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        long deadline = System.nanoTime() + limit.toNanos();
        ReliableReceiver receiver = protocol.newReceiver(config);
        try (DatagramSocket receiverSocket = new DatagramSocket(new InetSocketAddress(loopback, 0));
             DatagramSocket senderSocket = new DatagramSocket(new InetSocketAddress(loopback, 0));
             ExecutorService receiverThread = Executors.newSingleThreadExecutor()) {
            LossyLink link = LossyLink.start(new InetSocketAddress(loopback, 0),
                    (InetSocketAddress) receiverSocket.getLocalSocketAddress(), impairment, seed);
            try {
                DatagramEndpointRunner receiving = new DatagramEndpointRunner(receiverSocket, null, receiver);
                // The receiver lingers until we close its socket below: in-process we know when the sender is done.
                Future<?> received = receiverThread.submit(() -> {
                    receiving.run(deadline, Long.MAX_VALUE);
                    return null;
                });
                long start = System.nanoTime();
                ReliableSender sender = protocol.newSender(data, config, start);
                DatagramEndpointRunner sending = new DatagramEndpointRunner(senderSocket, link.address(), sender);
                sending.run(deadline, 0);
                long elapsed = System.nanoTime() - start;
                receiverSocket.close();
                if (sender.failure().isPresent()) {
                    throw new TransferFailedException(protocol.label() + ": the sender gave up: " + sender.failure().get()
                            + "; seed " + seed);
                }
                awaitReceiver(received, protocol, seed);
                String difference = StreamComparison.describeDifference(data, receiver.received());
                if (difference != null) {
                    throw new TransferFailedException(protocol.label() + " delivered a wrong stream: " + difference
                            + "; seed " + seed);
                }
                long corrupt = sending.corruptDiscarded() + receiving.corruptDiscarded();
                return new Result(TransferReport.of(protocol, data.length, elapsed, sender.stats(), receiver.stats(), corrupt),
                        link.stats());
            } catch (TimeoutException e) {
                throw new TransferFailedException(protocol.label() + " over " + impairment + " did not finish within "
                        + limit + "; seed " + seed, e);
            } finally {
                link.close();
            }
        }
    }

    private static void awaitReceiver(Future<?> received, Protocol protocol, long seed)
            throws TransferFailedException, InterruptedException {
        try {
            received.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransferFailedException(protocol.label() + ": the receiver failed; seed " + seed, e);
        }
    }
}
