package org.socketlab.udp.lossy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A UDP relay that behaves like a bad network. A client sends to {@link #address()}; the link
 * forwards to the target through its own socket, and forwards the target's answers back to the
 * last client it heard from. On the way, each datagram meets its {@link Fate} from an
 * {@link ImpairmentPlan}: dropped, duplicated, held back (reordered), corrupted, delayed.
 *
 * <p>The decisions are deterministic for a seed (each direction has its own plan, used by one
 * thread only); the timing of deliveries is not, since delayed copies leave through a scheduled
 * executor on the wall clock. Tests must therefore check outcomes, not timings.
 *
 * <p>Threads: one reader per socket and one scheduler thread that sends every copy when its delay
 * has passed; copies that were not held back leave each direction in arrival order (a FIFO queue
 * per direction), like packets in a router's queue. {@link #stats()} and {@link #close()} may be
 * called from any thread.
 */
public final class LossyLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LossyLink.class.getName());

    private final DatagramSocket front;
    private final DatagramSocket back;
    private final ScheduledExecutorService scheduler;
    private final ImpairmentPlan forwardPlan;
    private final ImpairmentPlan backwardPlan;
    private final Thread forwardReader;
    private final Thread backwardReader;
    private volatile SocketAddress client;
    private final Queue<Pending> forwardQueue = new ConcurrentLinkedQueue<>();
    private final Queue<Pending> backwardQueue = new ConcurrentLinkedQueue<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong corrupted = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();

    private LossyLink(DatagramSocket front, DatagramSocket back, Impairment impairment, long seed) {
        this.front = front;
        this.back = back;
        this.forwardPlan = new ImpairmentPlan(impairment, seed);
        this.backwardPlan = forwardPlan.reverse();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("lossy-link-delay").daemon().factory());
        this.forwardReader = Thread.ofPlatform().name("lossy-link-forward").daemon()
                .unstarted(() -> relay(front, back, forwardPlan, true));
        this.backwardReader = Thread.ofPlatform().name("lossy-link-backward").daemon()
                .unstarted(() -> relay(back, front, backwardPlan, false));
    }

    /**
     * Binds {@code listen} for clients and an ephemeral port connected to {@code target}: the
     * connected socket only accepts datagrams from the target (connect() on UDP filters the peer).
     */
    public static LossyLink start(InetSocketAddress listen, InetSocketAddress target, Impairment impairment, long seed)
            throws IOException {
        DatagramSocket front = new DatagramSocket(listen);
        DatagramSocket back = new DatagramSocket(new InetSocketAddress(listen.getAddress(), 0));
        back.connect(target);
        LossyLink link = new LossyLink(front, back, impairment, seed);
        link.forwardReader.start();
        link.backwardReader.start();
        return link;
    }

    /** Where clients send. */
    public InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    public LinkStats stats() {
        return new LinkStats(received.get(), dropped.get(), duplicated.get(), reordered.get(), corrupted.get(),
                delivered.get());
    }

    /** A copy waiting in a direction's FIFO queue. */
    private record Pending(DatagramSocket to, byte[] bytes, SocketAddress destination) {
    }

    private void relay(DatagramSocket from, DatagramSocket to, ImpairmentPlan plan, boolean forward) {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!from.isClosed()) {
            try {
                packet.setLength(buffer.length);
                from.receive(packet);
                if (forward) {
                    client = packet.getSocketAddress();
                }
                SocketAddress destination = forward ? back.getRemoteSocketAddress() : client;
                impair(plan.next(System.nanoTime()), packet, to, destination, forward ? forwardQueue : backwardQueue);
            } catch (IOException e) {
                // PortUnreachableException when the target is down (ICMP on a connected socket): keep relaying.
                if (!from.isClosed()) {
                    LOG.log(System.Logger.Level.DEBUG, "lossy link survived: " + e);
                }
            } catch (RejectedExecutionException e) {
                return; // close() shut the scheduler down while this datagram was in hand
            }
        }
    }

    private void impair(Fate fate, DatagramPacket packet, DatagramSocket to, SocketAddress destination,
                        Queue<Pending> fifo) {
        received.incrementAndGet();
        if (fate.dropped() || destination == null) {
            dropped.incrementAndGet();
            return;
        }
        duplicated.addAndGet(fate.duplicated() ? 1 : 0);
        for (Fate.Copy copy : fate.copies()) {
            Pending pending = new Pending(to, copy.apply(packet.getData(), packet.getLength()), destination);
            reordered.addAndGet(copy.heldBack() ? 1 : 0);
            corrupted.addAndGet(copy.isCorrupt() ? 1 : 0);
            if (copy.heldBack()) {
                scheduler.schedule(() -> deliver(pending), copy.delayNanos(), TimeUnit.NANOSECONDS);
            } else {
                // Timers with equal deadlines may fire in either order; whichever fires sends the head of
                // the queue, so copies that were not held back leave in the order they arrived.
                fifo.add(pending);
                scheduler.schedule(() -> deliver(fifo.poll()), copy.delayNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void deliver(Pending pending) {
        delivered.incrementAndGet(); // counted first, so whoever has received the copy also sees the count
        DatagramSocket to = pending.to();
        byte[] bytes = pending.bytes();
        try {
            to.send(to.isConnected() ? new DatagramPacket(bytes, bytes.length)
                    : new DatagramPacket(bytes, bytes.length, pending.destination()));
        } catch (IOException e) {
            delivered.decrementAndGet();
            LOG.log(System.Logger.Level.DEBUG, "lossy link could not deliver to " + pending.destination() + ": " + e);
        }
    }

    @Override
    public void close() {
        front.close();
        back.close();
        scheduler.shutdownNow();
        try {
            forwardReader.join(5_000);
            backwardReader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // sockets are closed; the readers end on their own
        }
    }

    /** {@code --port P --target HOST:PORT [--host H] [--loss 0.3] [--duplicate 0.1] [--reorder 0.1] [--seed N]}. */
    /** The command line (see {@link Cli}). */
    @Command(name = "LossyLink", mixinStandardHelpOptions = true,
            description = "A UDP relay that loses, duplicates and reorders datagrams, decided by a seeded random.")
    static final class Options implements Cli.Validated {
        @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE})")
        String host = "127.0.0.1";
        @Option(names = "--port", description = "port; 0 = any free port (default: ${DEFAULT-VALUE})")
        int port = 7008;
        @Option(names = "--target", paramLabel = "HOST:PORT", description = "where datagrams go (default: ${DEFAULT-VALUE})")
        String target = "127.0.0.1:7007";
        @Option(names = "--loss", description = "probability in [0, 1] (default: ${DEFAULT-VALUE})")
        double loss = 0.3;
        @Option(names = "--duplicate", description = "probability in [0, 1] (default: ${DEFAULT-VALUE})")
        double duplicate = 0.1;
        @Option(names = "--reorder", description = "probability in [0, 1] (default: ${DEFAULT-VALUE})")
        double reorder = 0.1;
        @Option(names = "--seed", description = "the same seed makes the same decisions (default: ${DEFAULT-VALUE})")
        long seed = 42;

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
            String[] parts = target.split(":", 2);
            if (parts.length != 2 || parts[0].isEmpty()) {
                throw new IllegalArgumentException("option '--target' is '" + target + "'; expected HOST:PORT");
            }
            try {
                Cli.requireRange("--target port", Integer.parseInt(parts[1]), 1, 65_535);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option '--target' is '" + target + "'; the port is not a number");
            }
            for (double probability : new double[] {loss, duplicate, reorder}) {
                if (!(probability >= 0 && probability <= 1)) {
                    throw new IllegalArgumentException("--loss, --duplicate and --reorder are probabilities in [0, 1];"
                            + " got " + probability);
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        String[] target = options.target.split(":", 2);
        Impairment impairment = Impairment.standard(options.loss)
                .withDuplicate(options.duplicate)
                .withReorder(options.reorder, java.time.Duration.ofMillis(5));
        long seed = options.seed;
        InetAddress host = InetAddress.getByName(options.host);
        LossyLink link = start(new InetSocketAddress(host, options.port),
                new InetSocketAddress(target[0], Integer.parseInt(target[1])), impairment, seed);
        InetSocketAddress bound = link.address();
        System.out.println("listening on udp://" + bound.getAddress().getHostAddress() + ":" + bound.getPort()
                + " relaying to udp://" + target[0] + ":" + target[1] + " (" + impairment + ", seed " + seed + ")");
        link.forwardReader.join();
    }
}
