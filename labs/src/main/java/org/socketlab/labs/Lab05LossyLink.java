package org.socketlab.labs;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.socketlab.udp.lossy.Impairment;
import org.socketlab.udp.lossy.LossyLink;
import org.socketlab.udp.reliable.Protocol;
import org.socketlab.udp.reliable.ReliabilityConfig;
import org.socketlab.udp.reliable.SimulatedTransfer;
import org.socketlab.udp.reliable.TransferFailedException;
import org.socketlab.udp.reliable.TransferReport;
import org.socketlab.udp.transfer.SocketTransfer;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 05 — UDP over a lossy link: loss, duplication and reordering made visible; stop-and-wait
 * versus two sliding windows (Go-Back-N, selective repeat); a goodput table across loss rates. Guide: labs/guides/05-udp-lossy-link.md.
 *
 * <p>Arguments (all optional): {@code --bytes 32768 --seed 42 --losses 0,0.1,0.3}.
 */
public final class Lab05LossyLink {
    static final String TITLE = "UDP over a lossy link";
    static final String SUMMARY = "A seeded lossy relay; stop-and-wait, Go-Back-N and selective repeat; goodput and "
            + "retransmissions at 0%, 10% and 30% loss.";

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Lab05LossyLink() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="05 --help"}. */
    @Command(name = "lab 05", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options implements Cli.Validated {
        @Option(names = "--bytes", description = "bytes sent per goodput run (default: ${DEFAULT-VALUE})")
        int bytes = 32 * 1024;
        @Option(names = "--seed", description = "the lossy link's seed; the same seed, the same decisions"
                + " (default: ${DEFAULT-VALUE})")
        long seed = 42L;
        @Option(names = "--losses", split = ",", paramLabel = "P1,P2", description = "loss probabilities of the goodput"
                + " table (default: 0,0.1,0.3)")
        double[] losses = {0, 0.1, 0.3};

        @Override
        public void validate() {
            Cli.requireRange("--bytes", bytes, 1, 64 << 20);
            for (double loss : losses) {
                if (!(loss >= 0 && loss < 1)) {
                    throw new IllegalArgumentException("option '--losses' has " + loss + "; a loss probability is in [0, 1)");
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        int bytes = options.bytes;
        long seed = options.seed;
        System.out.println("Lab 05 — " + TITLE + " (seed " + seed + "; rerun with --seed " + seed + " to see the same decisions)");
        lossMadeVisible(seed);
        alternatingBitMeetsReordering(seed);
        goodputTable(bytes, seed, options.losses);
        System.out.println();
        System.out.println("Done. Read labs/guides/05-udp-lossy-link.md, section \"Questions\", next.");
    }

    private static void lossMadeVisible(long seed) throws Exception {
        step(1, "sendto() 20 numbered datagrams through a LossyLink (30% loss, 10% dup, 10% reorder) to a receiving socket.");
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             LossyLink link = LossyLink.start(new InetSocketAddress(LOOPBACK, 0),
                     (InetSocketAddress) receiver.getLocalSocketAddress(), Impairment.standard(0.3), seed);
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            for (int i = 0; i < 20; i++) {
                sender.send(new DatagramPacket(ByteBuffer.allocate(4).putInt(i).array(), 4, link.address()));
            }
            List<Integer> arrived = drain(receiver);
            say("recvfrom() returned, in order of arrival: " + arrived);
            say("link: " + link.stats());
            say("Gaps are losses, repeats are duplicates, numbers out of order were held back or jittered: UDP promises none of this away.");
        }
    }

    private static List<Integer> drain(DatagramSocket receiver) throws IOException {
        List<Integer> arrived = new ArrayList<>();
        receiver.setSoTimeout(200);
        DatagramPacket packet = new DatagramPacket(new byte[4], 4);
        while (true) {
            try {
                receiver.receive(packet);
                arrived.add(ByteBuffer.wrap(packet.getData()).getInt());
            } catch (SocketTimeoutException e) {
                return arrived;
            }
        }
    }

    private static void alternatingBitMeetsReordering(long seed) {
        step(2, "The alternating bit assumes a FIFO channel. Simulated (virtual time, seeded): a link that duplicates and reorders.");
        Impairment reordering = Impairment.none().withDuplicate(0.5).withReorder(0.5, Duration.ofMillis(30))
                .withDelay(Duration.ofMillis(1), Duration.ofMillis(1));
        byte[] data = randomBytes(20_000, seed);
        for (Protocol protocol : new Protocol[] {Protocol.ALTERNATING_BIT, Protocol.STOP_AND_WAIT}) {
            try {
                TransferReport report = SimulatedTransfer.run(protocol, data, ReliabilityConfig.defaults(), reordering,
                        seed, Duration.ofMinutes(10));
                say(protocol.label() + ": delivered " + report.bytes() + " bytes intact");
            } catch (TransferFailedException e) {
                say(protocol.label() + ": " + e.getMessage());
            }
        }
        say("A stale copy carries the same bit as a new segment two steps later; 32-bit sequence numbers tell them apart.");
    }

    private static void goodputTable(int bytes, long seed, double[] losses) throws Exception {
        step(3, "Goodput over real sockets: sender socket → LossyLink → receiver socket, " + bytes
                + " bytes, 1 KiB segments, window 16, 10% dup, 10% reorder, 1–2 ms delay each way.");
        byte[] data = randomBytes(bytes, seed);
        System.out.printf("%n    %-6s %s%n", "loss", TransferReport.tableHeader());
        for (double loss : losses) {
            for (Protocol protocol : new Protocol[] {Protocol.STOP_AND_WAIT, Protocol.GO_BACK_N, Protocol.SELECTIVE_REPEAT}) {
                SocketTransfer.Result result = SocketTransfer.run(protocol, data, ReliabilityConfig.defaults(),
                        Impairment.standard(loss), seed, Duration.ofSeconds(60));
                System.out.printf("    %-6s %s%n", Math.round(loss * 100) + "%", result.report().tableRow());
            }
        }
        say("");
        say("Every row delivered the stream intact (compared byte for byte). Stop-and-wait pays one round trip per");
        say("segment and a whole timeout per loss. Both windows keep 16 segments in flight; after a loss Go-Back-N");
        say("resends the whole window (see its retrans column), selective repeat only the segment that was lost.");
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] data = new byte[length];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    private static void step(int number, String text) {
        System.out.println();
        System.out.println("[" + number + "] " + text);
    }

    private static void say(String text) {
        System.out.println("    " + text);
    }
}
