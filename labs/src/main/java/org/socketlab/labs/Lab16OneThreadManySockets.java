package org.socketlab.labs;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.socketlab.tcp.cli.Cli;
import org.socketlab.labs.manysockets.ChildServer;
import org.socketlab.labs.manysockets.EchoLoad;
import org.socketlab.labs.manysockets.ProcessCounters;
import org.socketlab.labs.manysockets.ServerKind;
import org.socketlab.labs.manysockets.SyscallCount;
import org.socketlab.tcp.EchoClient;
import org.socketlab.tcp.nonblocking.SelectorEchoServer;
import org.socketlab.tcp.nonblocking.SelectorStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Lab 16 — one thread, many sockets: the same echo served by blocking platform threads, blocking
 * virtual threads and a selector (epoll) loop; threads, memory, CPU, context switches and system
 * calls per message, read from the server process's own kernel counters.
 *
 * <p>Options: {@code --connections N} (default 1000; try 10000), {@code --messages M} round trips
 * per connection (default 50).
 */
public final class Lab16OneThreadManySockets {

    static final String TITLE = "One thread, many sockets";
    static final String SUMMARY = "select/poll/epoll: a selector echo server beside blocking platform and virtual threads, measured";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MESSAGE_BYTES = 64;

    private Lab16OneThreadManySockets() {
    }

    /** The command line (see {@link Cli}); run through the launcher: {@code -Dargs="16 --help"}. */
    @Command(name = "lab 16", mixinStandardHelpOptions = true, description = SUMMARY)
    static final class Options implements Cli.Validated {
        @Option(names = "--connections", description = "connections per server in part 2 (default: ${DEFAULT-VALUE})")
        int connections = 1000;
        @Option(names = "--messages", description = "round trips per connection in part 2 (default: ${DEFAULT-VALUE})")
        int messages = 50;

        @Override
        public void validate() {
            Cli.requireRange("--connections", connections, 1, 1_000_000);
            Cli.requireRange("--messages", messages, 1, 1_000_000);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        int connections = options.connections;
        int messages = options.messages;
        Narrator narrator = new Narrator();
        theLoopStepByStep(narrator);
        if (!ProcessCounters.available()) {
            narrator.observe("This system has no /proc (not Linux): the measurements of parts 2 and 3 need it.");
            return;
        }
        threeServersMeasured(narrator, connections, messages);
        systemCallsPerMessage(narrator);
        narrator.part("Done");
        narrator.say("Next: labs/guides/16-one-thread-many-sockets.md, section \"Experiments\".");
    }

    private static void theLoopStepByStep(Narrator narrator) throws IOException {
        narrator.part("Part 1: the event loop, step by step");
        try (SelectorEchoServer server = SelectorEchoServer.start(InetAddress.getLoopbackAddress(), 0, 4096, 100)) {
            narrator.syscall("epoll_create1()", "Selector.open(): one kernel object will watch every socket.");
            narrator.syscall("bind()+listen()", "The listening socket is non-blocking and registered for OP_ACCEPT"
                    + " (epoll_ctl ADD, EPOLLIN) on " + server.localAddress() + ".");
            narrator.syscall("epoll_wait()", "The loop thread \"" + server.loopThread().getName()
                    + "\" sleeps in select() until some socket is ready.");
            try (EchoClient first = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT);
                 EchoClient second = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT);
                 EchoClient third = EchoClient.connect(server.localAddress(), TIMEOUT, TIMEOUT)) {
                narrator.syscall("accept()", "Three clients connected; each accepted socket is registered for OP_READ.");
                for (EchoClient client : new EchoClient[] {first, second, third}) {
                    client.echo("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                narrator.syscall("read()/write()", "Each \"hello\" woke the loop, was read without waiting and written back.");
                SelectorStats.Snapshot stats = partialWrites(server);
                narrator.syscall("write() partial", "A client with a 4 KiB receive buffer sends 16 MiB before reading:"
                        + " " + stats.partialWrites() + " of the server's writes took only part of what was offered."
                        + " Each time the loop switched that socket to OP_WRITE and stopped reading it (backpressure)"
                        + " until the client read again.");
                narrator.observe(stats.selects() + " wake-ups, " + stats.readyKeys() + " ready sockets handled, "
                        + stats.reads() + " reads, " + stats.writes() + " writes — all on ONE thread, for "
                        + server.activeConnections() + " connections.");
            }
        }
    }

    /**
     * A client that writes 16 MiB before it reads anything, through a small receive
     * buffer: the server's echo cannot keep up, its writes come back short, and it stops reading.
     */
    private static SelectorStats.Snapshot partialWrites(SelectorEchoServer server) throws IOException {
        byte[] message = new byte[16 << 20];   // more than both kernel buffers hold
        java.util.Arrays.fill(message, (byte) 'x');
        try (java.net.Socket client = new java.net.Socket()) {
            client.setReceiveBufferSize(4096);             // before connect(): it sets the TCP window
            client.setSoTimeout((int) TIMEOUT.toMillis());
            client.connect(server.localAddress(), (int) TIMEOUT.toMillis());
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    client.getOutputStream().write(message);
                } catch (IOException closed) {
                    // The reader below reports a short echo.
                }
            });
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (server.stats().snapshot().partialWrites() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();                        // the lab waits to show it; a test would use a latch
            }
            byte[] echo = client.getInputStream().readNBytes(message.length);
            if (!java.util.Arrays.equals(echo, message)) {
                throw new IOException("the 16 MiB echo came back wrong (" + echo.length + " bytes)");
            }
            writer.join(TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return server.stats().snapshot();
    }

    private static void threeServersMeasured(Narrator narrator, int connections, int messages) throws Exception {
        narrator.part("Part 2: " + connections + " connections, " + messages + " round trips each, three servers");
        narrator.say("Each server runs in its own JVM; its counters come from /proc/PID (threads, VmRSS, utime+stime,");
        narrator.say("context switches summed over its threads). The load runs here, on virtual threads.");
        narrator.say(String.format("%-42s %8s %12s %10s %12s %14s", "server", "threads", "KiB/conn", "msg/s",
                "CPU µs/msg", "switches/msg"));
        for (ServerKind kind : ServerKind.values()) {
            try (ChildServer server = ChildServer.start(kind)) {
                ProcessCounters idle = ProcessCounters.of(server.pid());
                try (EchoLoad load = EchoLoad.open(server.port(), connections)) {
                    load.roundTrips(1, MESSAGE_BYTES);         // every server-side connection is live now
                    ProcessCounters open = ProcessCounters.of(server.pid());
                    EchoLoad.Result result = load.roundTrips(messages, MESSAGE_BYTES);
                    ProcessCounters after = ProcessCounters.of(server.pid());
                    ProcessCounters used = after.minus(open);
                    double perMessage = result.messages();
                    narrator.say(String.format("%-42s %8d %12.1f %10.0f %12.1f %14.2f", kind.description(),
                            open.threads(), (open.residentKiB() - idle.residentKiB()) / (double) connections,
                            result.messagesPerSecond(), used.cpuMillis() * 1000.0 / perMessage,
                            (used.voluntarySwitches() + used.involuntarySwitches()) / perMessage));
                }
            }
        }
        narrator.observe("Platform threads: one OS thread (and its stack) per connection. Virtual threads: a few"
                + " carrier threads, but every message still parks and unparks one. The selector: one thread, and"
                + " one epoll_wait() can return many ready sockets.");
    }

    private static void systemCallsPerMessage(Narrator narrator) throws Exception {
        narrator.part("Part 3: system calls per message (strace -c -f)");
        if (!SyscallCount.available()) {
            narrator.observe("strace is not installed (Debian: apt-get install strace); skipping this part.");
            return;
        }
        int connections = 100;
        int messages = 100;
        narrator.say(connections + " connections x " + messages + " round trips, strace attached to the server JVM"
                + " (tracing slows everything down; compare counts, not speed).");
        for (ServerKind kind : ServerKind.values()) {
            try (ChildServer server = ChildServer.start(kind);
                 EchoLoad load = EchoLoad.open(server.port(), connections)) {
                load.roundTrips(1, MESSAGE_BYTES);
                Map<String, Long> calls;
                long total;
                try (SyscallCount strace = SyscallCount.attach(server.pid())) {
                    total = load.roundTrips(messages, MESSAGE_BYTES).messages();
                    calls = strace.detach();
                } catch (IOException cannotTrace) {
                    narrator.observe("strace could not trace here (" + cannotTrace.getMessage() + "); skipping.");
                    return;
                }
                long all = calls.values().stream().mapToLong(Long::longValue).sum();
                String top = calls.entrySet().stream().limit(5)
                        .map(entry -> String.format("%s %.2f", entry.getKey(), entry.getValue() / (double) total))
                        .collect(Collectors.joining(", "));
                narrator.say(String.format("%-42s %6.2f calls/msg  (%s)", kind.description(), all / (double) total, top));
            }
        }
        narrator.observe("Blocking servers: read() and write() per message, plus what parking a thread costs"
                + " (futex for platform threads; epoll_ctl re-arming and an extra read() that returns EAGAIN for"
                + " virtual threads). The selector: read(), write() and a share of one epoll_wait().");
    }
}
