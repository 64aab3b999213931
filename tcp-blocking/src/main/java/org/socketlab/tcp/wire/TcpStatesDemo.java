package org.socketlab.tcp.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;

/**
 * Walks one connection through its TCP states and shows the kernel's table after each step:
 *
 * <pre>
 * java org.socketlab.tcp.wire.TcpStatesDemo
 * </pre>
 *
 * listen() → LISTEN; connect() without accept() → the accept queue fills; accept(); the client
 * half-closes → FIN_WAIT2 on its side, CLOSE_WAIT on the server's; the server closes → the
 * client, which closed first, sits in TIME_WAIT. Linux only (it reads /proc/net/tcp).
 */
public final class TcpStatesDemo {

    private static final Duration WAIT = Duration.ofSeconds(3);

    private final ProcNetTcp proc = new ProcNetTcp();
    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private int port;

    private TcpStatesDemo() {
    }

    /** The command line (see {@link Cli}): no options, only {@code --help}. */
    @Command(name = "TcpStatesDemo", mixinStandardHelpOptions = true,
            description = "Walks one connection through LISTEN, ESTABLISHED, FIN_WAIT2/CLOSE_WAIT and TIME_WAIT.")
    static final class Options {
    }

    public static void main(String[] args) throws Exception {
        Cli.parse(new Options(), args);
        TcpStatesDemo demo = new TcpStatesDemo();
        if (!demo.proc.isAvailable()) {
            System.out.println(demo.proc.unavailableReason());
            return;
        }
        demo.run();
    }

    private void run() throws IOException, InterruptedException {
        try (ServerSocket listening = new ServerSocket(0, 8, loopback)) {
            port = listening.getLocalPort();
            listening.setSoTimeout(5_000);
            step("socket() + bind() + listen(backlog 8) on port " + port, e -> e.state() == TcpState.LISTEN);
            try (Socket first = new Socket(loopback, port); Socket second = new Socket(loopback, port)) {
                step("two clients connect(); the server has not called accept(): the kernel finished both "
                        + "handshakes and queued them", e -> e.state() == TcpState.LISTEN && e.recvQueue() == 2);
                Socket accepted = listening.accept();
                step("accept() takes the first one from the queue", e -> e.state() == TcpState.LISTEN && e.recvQueue() == 1);
                first.shutdownOutput();
                int firstPort = first.getLocalPort();
                step("the first client calls shutdownOutput(): FIN sent, but it can still read (half-close)",
                        e -> e.local().getPort() == firstPort && e.state() == TcpState.FIN_WAIT2);
                accepted.getOutputStream().write("bye\n".getBytes(StandardCharsets.US_ASCII));
                first.getInputStream().readNBytes(4);
                accepted.close();
                step("the server wrote \"bye\" (the client read it) and closed: the client closed first, "
                        + "so it waits in TIME_WAIT (60 s on Linux)",
                        e -> e.local().getPort() == firstPort && e.state() == TcpState.TIME_WAIT);
                second.close();
                step("the second client closes while still queued, never accepted",
                        e -> e.local().getPort() == second.getLocalPort()
                                && Set.of(TcpState.FIN_WAIT1, TcpState.FIN_WAIT2, TcpState.TIME_WAIT).contains(e.state()));
            }
        }
    }

    private void step(String what, Predicate<TcpSocketEntry> expected) throws IOException, InterruptedException {
        System.out.println("== " + what);
        if (proc.await(port, expected, WAIT).isEmpty()) {
            System.out.println("   (the expected state did not show within " + WAIT.toSeconds() + " s; the table as it is:)");
        }
        System.out.println(String.join(System.lineSeparator(), TcpStatesMain.render(proc, port)));
        System.out.println();
    }
}
