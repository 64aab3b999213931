package org.socketlab.tcp.wire;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints the TCP sockets of one port and their states, from the kernel's own tables:
 *
 * <pre>
 * java org.socketlab.tcp.wire.TcpStatesMain --port 9000 [--watch] [--interval-ms 500]
 * </pre>
 *
 * Run it beside a lab server to see LISTEN after {@code listen()}, connections piling up in the
 * accept queue while nobody calls {@code accept()}, ESTABLISHED, the FIN_WAIT2/CLOSE_WAIT pair of
 * a half-close and TIME_WAIT after an active close. Linux only; elsewhere it says unavailable.
 */
public final class TcpStatesMain {

    private TcpStatesMain() {
    }

    /** The command line (see {@link Cli}). */
    @Command(name = "TcpStatesMain", mixinStandardHelpOptions = true,
            description = "Prints the TCP sockets of one port and their states (Linux /proc/net/tcp).")
    static final class Options implements Cli.Validated {
        @Option(names = "--port", required = true, description = "the port to watch")
        int port;
        @Option(names = "--watch", description = "print again every --interval-ms until Ctrl-C")
        boolean watch;
        @Option(names = "--interval-ms", description = "(default: ${DEFAULT-VALUE})")
        long intervalMillis = 1000;

        @Override
        public void validate() {
            Cli.requirePort("--port", port);
            Cli.requireRange("--interval-ms", intervalMillis, 1, Long.MAX_VALUE);
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Cli.parse(new Options(), args);
        int port = options.port;
        boolean watch = options.watch;
        long intervalMillis = options.intervalMillis;
        ProcNetTcp proc = new ProcNetTcp();
        do {
            System.out.println(String.join(System.lineSeparator(), render(proc, port)));
            if (watch) {
                Thread.sleep(intervalMillis);                        // a display refresh, not synchronisation
                System.out.println();
            }
        } while (watch);
    }

    /** The table for {@code port}, or one line saying why it is unavailable. */
    public static List<String> render(ProcNetTcp proc, int port) throws IOException {
        Optional<List<TcpSocketEntry>> entries = proc.forPort(port);
        if (entries.isEmpty()) {
            return List.of(proc.unavailableReason());
        }
        return table(port, entries.get());
    }

    static List<String> table(int port, List<TcpSocketEntry> entries) {
        List<String> lines = new ArrayList<>();
        lines.add("TCP sockets on port " + port + " (" + entries.size() + "), from /proc/net/tcp and tcp6:");
        lines.add(String.format("  %-12s %-28s %-28s %10s %10s  %s", "STATE", "LOCAL", "REMOTE", "SEND-Q", "RECV-Q", "NOTE"));
        entries.stream()
                .sorted(Comparator.comparing((TcpSocketEntry entry) -> entry.state() != TcpState.LISTEN)   // the listener first
                        .thenComparing(TcpSocketEntry::state).thenComparing(entry -> entry.local().getPort()))
                .forEach(entry -> lines.add(String.format("  %-12s %-28s %-28s %10d %10d  %s", entry.state(),
                        text(entry.local()), text(entry.remote()), entry.sendQueue(), entry.recvQueue(), note(entry))));
        if (entries.isEmpty()) {
            lines.add("  (none: nothing listens on or is connected to this port)");
        }
        return lines;
    }

    private static String note(TcpSocketEntry entry) {
        if (entry.state() == TcpState.LISTEN) {
            return entry.recvQueue() + " connection(s) in the accept queue waiting for accept()";
        }
        return entry.state().meaning();
    }

    /** {@code 127.0.0.1:8080}, {@code [::1]:8080}, {@code [::]:0}. */
    static String text(InetSocketAddress address) {
        if (address.getAddress() instanceof Inet6Address) {
            return "[" + compress(address.getAddress().getHostAddress()) + "]:" + address.getPort();
        }
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** RFC 5952 §4.2.2: the longest run of zero groups becomes "::". */
    private static String compress(String full) {
        String[] groups = full.replaceAll("%.*$", "").split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(j, i + 1);
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
