package org.socketlab.labs;

import java.io.IOException;
import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.socketlab.tcp.ConcurrencyStrategy;
import org.socketlab.tcp.ConnectionHandler;
import org.socketlab.tcp.EchoClient;
import org.socketlab.tcp.EchoHandler;
import org.socketlab.tcp.TcpServer;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 02 — what a server does while it is busy with one client.
 *
 * <p>Options: {@code --clients N} (per strategy, default 100), {@code --connections N}
 * (held open by virtual threads, default 2000; try 10000).
 */
public final class Lab02ConcurrentServers {

    static final String TITLE = "Concurrent servers";
    static final String SUMMARY = "iterative, thread-per-connection, fixed pool, virtual threads; thousands of open connections";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Lab02ConcurrentServers() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="02 --help"}. */
    @Command(name = "lab 02", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options implements Cli.Validated {
        @Option(names = "--clients", description = "clients per strategy in part 2 (default: ${DEFAULT-VALUE})")
        int clients = 100;
        @Option(names = "--connections", description = "connections held open in part 3 (default: ${DEFAULT-VALUE})")
        int connections = 2000;

        @Override
        public void validate() {
            Cli.requireRange("--clients", clients, 1, 100_000);
            Cli.requireRange("--connections", connections, 1, 1_000_000);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        Narrator narrator = new Narrator();
        secondClientWaitsUnderIterative(narrator);
        compareStrategies(narrator, options.clients);
        holdManyConnections(narrator, options.connections);
        narrator.part("Done");
        narrator.say("Next: labs/guides/02-concurrent-servers.md, section \"Experiments\".");
    }

    @SuppressWarnings("try")              // closing `first` early is the point of the demonstration
    private static void secondClientWaitsUnderIterative(Narrator narrator) throws Exception {
        narrator.part("Part 1: the iterative server and the second client");
        try (TcpServer server = TcpServer.builder().strategy(ConcurrencyStrategy.iterative())
                .handler(new EchoHandler()).start();
             EchoClient first = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT);
             EchoClient second = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT);
             ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            first.echo("A".getBytes(StandardCharsets.UTF_8));
            narrator.syscall("accept()", "The server accepted client A and is now inside A's read() loop.");
            narrator.syscall("connect()", "Client B's connect() succeeded anyway: the kernel completed B's handshake"
                    + " and queued it in the listen backlog.");
            Future<byte[]> secondEcho = background.submit(
                    () -> second.sendAndHalfClose("B".getBytes(StandardCharsets.UTF_8)));
            narrator.syscall("write()", "Client B sends \"B\" and waits in read() for the echo...");
            boolean answered = waitBriefly(secondEcho, Duration.ofMillis(300));
            narrator.observe("after 300 ms B " + (answered ? "was answered (unexpected!)" : "still has no echo")
                    + "; the server has accepted " + server.acceptedConnections() + " connection(s).");
            first.close();
            narrator.syscall("close()", "Client A disconnects. The server's read() for A returns -1, the handler"
                    + " returns, and only now does the loop call accept() again.");
            long start = System.nanoTime();
            byte[] echo = secondEcho.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            narrator.observe("B got \"" + new String(echo, StandardCharsets.UTF_8) + "\" "
                    + micros(start) + " µs after A left. One slow client stalls everybody behind it.");
        }
    }

    private static boolean waitBriefly(Future<?> future, Duration wait) throws InterruptedException {
        try {
            future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException expected) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private static void compareStrategies(Narrator narrator, int clients) throws Exception {
        narrator.part("Part 2: " + clients + " clients, each strategy");
        narrator.say("Every client connects, sends 10 small messages one by one, waits for each echo, closes.");
        narrator.say(String.format("%-22s %10s %14s %18s", "strategy", "time (ms)", "max handlers", "platform threads"));
        List<Supplier<ConcurrencyStrategy>> strategies = List.of(ConcurrencyStrategy::iterative,
                ConcurrencyStrategy::threadPerConnection, () -> ConcurrencyStrategy.fixedPool(8),
                ConcurrencyStrategy::virtualThreads);
        for (Supplier<ConcurrencyStrategy> strategy : strategies) {
            runClients(narrator, strategy.get(), clients);
        }
        narrator.observe("iterative: one handler at a time. thread-per-connection: one OS thread per client."
                + " pool: never more handlers than threads. virtual: one cheap thread per client.");
    }

    private static void runClients(Narrator narrator, ConcurrencyStrategy strategy, int clients) throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        AtomicInteger peakThreads = new AtomicInteger();
        ConnectionHandler counting = socket -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            peakThreads.accumulateAndGet(ManagementFactory.getThreadMXBean().getThreadCount(), Math::max);
            try {
                new EchoHandler().handle(socket);
            } finally {
                inFlight.decrementAndGet();
            }
        };
        long start = System.nanoTime();
        try (TcpServer server = TcpServer.builder().backlog(clients + 10).strategy(strategy).handler(counting).start();
             ExecutorService clientThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                done.add(clientThreads.submit(() -> {
                    try (EchoClient client = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT)) {
                        for (int message = 0; message < 10; message++) {
                            client.echo(("message " + message).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get(30, TimeUnit.SECONDS);
            }
            narrator.say(String.format("%-22s %10d %14d %18d", server.strategyName(),
                    (System.nanoTime() - start) / 1_000_000, maxInFlight.get(), peakThreads.get()));
        }
    }

    private static void holdManyConnections(Narrator narrator, int requested) throws IOException {
        int connections = withinDescriptorLimit(narrator, requested);
        narrator.part("Part 3: virtual threads holding " + connections + " connections");
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        List<Socket> sockets = new ArrayList<>();
        TcpServer server = TcpServer.builder().backlog(Math.min(connections, 4096))
                .handler(new EchoHandler()).start();
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                socket.connect(server.localAddress(), (int) TIMEOUT.toMillis());
            }
            narrator.syscall("connect() x" + connections, "All clients are connected.");
            for (Socket socket : sockets) {
                socket.getOutputStream().write('x');
            }
            for (Socket socket : sockets) {
                if (socket.getInputStream().read() != 'x') {
                    throw new IOException("lost an echo");
                }
            }
            narrator.syscall("read() x" + connections, "Every connection got its echo; each server-side handler is"
                    + " now blocked in read() again, on its own virtual thread.");
            narrator.observe(server.activeConnections() + " connections open, served by "
                    + ManagementFactory.getThreadMXBean().getThreadCount() + " platform threads in this JVM (there were "
                    + before + " before). A blocked virtual thread gives its carrier thread back.");
        } finally {
            for (Socket socket : sockets) {
                socket.close();                       // each handler's read() returns -1 and it ends
            }
            boolean clean = server.stop(TIMEOUT);
            narrator.syscall("close() x" + connections, "Clients closed; the server stopped "
                    + (clean ? "cleanly: every handler saw end of stream." : "after closing leftovers."));
        }
    }

    /** Each connection costs two descriptors here (client and server side): stay under the limit. */
    private static int withinDescriptorLimit(Narrator narrator, int requested) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long spare = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - 200;
            int affordable = (int) Math.max(1, Math.min(Integer.MAX_VALUE, spare / 2));
            if (requested > affordable) {
                narrator.say("Asked for " + requested + " connections, but this process may open only "
                        + unix.getMaxFileDescriptorCount() + " file descriptors (ulimit -n) and each connection"
                        + " needs two here; using " + affordable + ".");
                return affordable;
            }
        }
        return requested;
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
