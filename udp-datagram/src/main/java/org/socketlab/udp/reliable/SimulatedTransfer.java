package org.socketlab.udp.reliable;

import java.time.Duration;
import java.util.List;
import java.util.PriorityQueue;
import org.socketlab.udp.lossy.Fate;
import org.socketlab.udp.lossy.Impairment;
import org.socketlab.udp.lossy.ImpairmentPlan;

/**
 * Runs a sender and a receiver against each other over a simulated lossy link in virtual time:
 * a discrete-event loop with no sockets, threads or clocks. The same seed gives the same drops,
 * duplicates, reorderings, corruptions — and therefore the same transfer, segment for segment.
 * Every datagram is encoded and decoded, so CRC32 checking is exercised too.
 */
public final class SimulatedTransfer {

    /** A datagram on the simulated wire; {@code order} breaks ties so equal times stay FIFO. */
    private record InFlight(long atNanos, long order, boolean toReceiver, byte[] bytes) {
    }

    private final PriorityQueue<InFlight> wire = new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
            ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.order, b.order));
    private final ImpairmentPlan forward;
    private final ImpairmentPlan backward;
    private final long seed;
    private long order;
    private long corrupt;

    private SimulatedTransfer(Impairment impairment, long seed) {
        this.forward = new ImpairmentPlan(impairment, seed);
        this.backward = forward.reverse();
        this.seed = seed;
    }

    /**
     * Transfers {@code data} and checks it arrived intact.
     *
     * @throws TransferFailedException when the sender gives up, virtual time passes {@code limit},
     *                                 or the delivered stream differs; the message names the seed
     */
    public static TransferReport run(Protocol protocol, byte[] data, ReliabilityConfig config,
                                     Impairment impairment, long seed, Duration limit) throws TransferFailedException {
        return new SimulatedTransfer(impairment, seed).transfer(protocol, data, config, limit.toNanos());
    }

    private TransferReport transfer(Protocol protocol, byte[] data, ReliabilityConfig config, long limitNanos)
            throws TransferFailedException {
        long now = 0;
        ReliableSender sender = protocol.newSender(data, config, now);
        ReliableReceiver receiver = protocol.newReceiver(config);
        while (true) {
            transmit(sender.pollOutgoing(), forward, true, now);
            transmit(receiver.pollOutgoing(), backward, false, now);
            if (sender.isFinished()) {
                break;
            }
            long next = Math.min(wire.isEmpty() ? Long.MAX_VALUE : wire.peek().atNanos(), sender.nextDeadlineNanos());
            if (next == Long.MAX_VALUE) {
                throw failure(protocol, "stalled: nothing in flight and no timer running", now);
            }
            if (next > limitNanos) {
                throw failure(protocol, "virtual time limit of " + Duration.ofNanos(limitNanos) + " reached", now);
            }
            now = Math.max(now, next);
            deliverDue(now, sender, receiver);
            sender.tick(now);
        }
        if (sender.failure().isPresent()) {
            throw failure(protocol, "the sender gave up: " + sender.failure().get(), now);
        }
        String difference = StreamComparison.describeDifference(data, receiver.received());
        if (difference != null) {
            throw failure(protocol, "the delivered stream is wrong: " + difference, now);
        }
        return TransferReport.of(protocol, data.length, now, sender.stats(), receiver.stats(), corrupt);
    }

    private void transmit(List<Segment> segments, ImpairmentPlan plan, boolean toReceiver, long now) {
        for (Segment segment : segments) {
            byte[] bytes = SegmentCodec.encode(segment);
            Fate fate = plan.next(now);
            for (Fate.Copy copy : fate.copies()) {
                wire.add(new InFlight(now + copy.delayNanos(), order++, toReceiver, copy.apply(bytes, bytes.length)));
            }
        }
    }

    private void deliverDue(long now, SegmentEndpoint sender, SegmentEndpoint receiver) {
        while (!wire.isEmpty() && wire.peek().atNanos() <= now) {
            InFlight datagram = wire.poll();
            try {
                Segment segment = SegmentCodec.decode(datagram.bytes());
                (datagram.toReceiver() ? receiver : sender).onSegment(segment, now);
            } catch (CorruptSegmentException e) {
                corrupt++; // discarded; the sender's timer recovers the loss
            }
        }
    }

    private TransferFailedException failure(Protocol protocol, String what, long now) {
        return new TransferFailedException(protocol.label() + " over " + forward.impairment() + ": " + what
                + " at virtual time " + Duration.ofNanos(now) + "; reproduce with seed " + seed);
    }
}
