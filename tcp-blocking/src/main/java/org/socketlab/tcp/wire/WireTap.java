package org.socketlab.tcp.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.socketlab.tcp.ConcurrencyStrategy;
import org.socketlab.tcp.TcpServer;

/**
 * A TCP relay that shows the wire: it listens, and for every client that connects it opens a
 * connection to the target and forwards both directions unchanged, printing each chunk it
 * relays with direction, connection id, time offset and a hex dump, annotated by a pluggable
 * {@link Dissector}. Optionally it also writes a pcap file that Wireshark or tshark opens.
 *
 * <pre>{@code
 * java org.socketlab.tcp.wire.WireTap --listen 9100 --target 127.0.0.1:9001 [--pcap tap.pcap]
 * }</pre>
 *
 * Point the client at the tap's port instead of the server's. This main shows hex only;
 * {@code org.socketlab.websocket.inspect.WireTapMain} adds the HTTP and WebSocket dissectors.
 *
 * <p>Built on {@link TcpServer}: its accept loop hands each client socket to a virtual thread,
 * which connects to the target and runs a {@link TapConnection} (two more virtual threads,
 * one per direction). Thread-safety: a started tap is thread-safe; {@link #close} may be called
 * from any thread.
 */
public final class WireTap implements AutoCloseable {

    private final Builder config;
    private final TcpServer server;
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final Set<TapConnection> connections = ConcurrentHashMap.newKeySet();

    private WireTap(Builder config) throws IOException {
        this.config = config;
        this.server = TcpServer.builder()
                .host(config.listenHost)
                .port(config.listenPort)
                .strategy(ConcurrencyStrategy.virtualThreads())
                .handler(this::serve)
                .start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the tap listens on (useful after {@code listenPort(0)}). */
    public int port() {
        return server.port();
    }

    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    private void serve(Socket clientSocket) throws IOException {
        int id = connectionIds.incrementAndGet();
        ConnectionLog log = new ConnectionLog(id, config.clock, config.output, config.maxDumpBytes,
                config.dissectors.get());
        Socket serverSocket = new Socket();
        try {
            // connect(): the tap's own three-way handshake with the target, bounded by a timeout.
            serverSocket.connect(config.target, Math.toIntExact(config.connectTimeout.toMillis()));
            serverSocket.setTcpNoDelay(true);
        } catch (IOException e) {
            serverSocket.close();
            log.note("cannot connect to target " + config.target + ": " + e.getMessage()
                    + "; resetting the client (SO_LINGER 0), as the target refused us");
            clientSocket.setSoLinger(true, 0);
            return;                                   // TcpServer closes the client socket: RST
        }
        log.opened((InetSocketAddress) clientSocket.getRemoteSocketAddress(),
                (InetSocketAddress) clientSocket.getLocalSocketAddress(), config.target, config.pcap);
        TapConnection connection = new TapConnection(id, clientSocket, serverSocket, log);
        connections.add(connection);
        try {
            connection.relay();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.shutdown();
        } finally {
            connections.remove(connection);
        }
    }

    /** Stops listening and closes every relayed connection. Does not close the pcap writer. */
    @Override
    public void close() {
        connections.forEach(TapConnection::shutdown);
        server.stop(Duration.ofSeconds(2));
    }

    /** The hex-only tap's command line (see {@link Cli}). */
    @Command(name = "WireTap", mixinStandardHelpOptions = true,
            description = "A TCP relay that prints every byte both ways (hex only; "
                    + "org.socketlab.websocket.inspect.WireTapMain adds HTTP/WebSocket dissection).")
    static final class Options implements Cli.Validated {
        @Mixin
        WireTapArguments tap = new WireTapArguments();

        @Override
        public void validate() {
            tap.toOptions();
        }
    }

    /** Starts a hex-only tap from the command line and runs until the process is stopped. */
    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        run(options.tap.toOptions(), Dissector::none,
                "hex only; org.socketlab.websocket.inspect.WireTapMain adds HTTP/WebSocket dissection");
    }

    /**
     * The body of both tap mains: parse options, open the pcap file, start, print one line
     * {@code tap listening on ...} and wait until the process is interrupted (Ctrl-C).
     */
    public static void run(WireTapOptions options, Supplier<Dissector> dissectors, String mode) throws Exception {
        PcapWriter pcap = options.pcapFile().isPresent() ? PcapWriter.create(options.pcapFile().get()) : null;
        WireTap tap = builder().listenHost(InetAddress.getByName(options.listenHost())).listenPort(options.listenPort())
                .target(options.target()).maxDumpBytes(options.maxDumpBytes()).dissectors(dissectors).pcap(pcap).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tap.close();
            closePcap(pcap);
            stopped.countDown();
        }));
        System.out.println("tap listening on " + tap.localAddress() + " -> target " + options.target() + " (" + mode + ")"
                + options.pcapFile().map(file -> ", writing " + file).orElse(""));
        stopped.await();
    }

    private static void closePcap(PcapWriter pcap) {
        if (pcap != null) {
            try {
                pcap.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Configuration: loopback, a free port, hex only, output to {@code System.out}. */
    public static final class Builder {
        private InetAddress listenHost = InetAddress.getLoopbackAddress();
        private int listenPort = 0;
        private InetSocketAddress target;
        private Supplier<Dissector> dissectors = Dissector::none;
        private Consumer<String> output = System.out::println;
        private PcapWriter pcap;
        private InstantSource clock = InstantSource.system();
        private int maxDumpBytes = 1024;
        private Duration connectTimeout = Duration.ofSeconds(5);

        private Builder() {
        }

        public Builder listenHost(InetAddress listenHost) {
            this.listenHost = Objects.requireNonNull(listenHost, "listenHost");
            return this;
        }

        /** 0 (the default) lets the OS pick a free port; see {@link WireTap#port()}. */
        public Builder listenPort(int listenPort) {
            if (listenPort < 0 || listenPort > 65_535) {
                throw new IllegalArgumentException("listen port must be 0..65535, got " + listenPort);
            }
            this.listenPort = listenPort;
            return this;
        }

        public Builder target(InetSocketAddress target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /** A fresh dissector for every relayed connection. */
        public Builder dissectors(Supplier<Dissector> dissectors) {
            this.dissectors = Objects.requireNonNull(dissectors, "dissectors");
            return this;
        }

        /** Receives one multi-line block of text per event; calls are never concurrent per connection. */
        public Builder output(Consumer<String> output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /** Also record every connection into this capture (null: no capture). The caller closes it. */
        public Builder pcap(PcapWriter pcap) {
            this.pcap = pcap;
            return this;
        }

        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Hex dump at most this many bytes of each chunk (the rest is counted, still relayed). */
        public Builder maxDumpBytes(int maxDumpBytes) {
            if (maxDumpBytes < 0) {
                throw new IllegalArgumentException("maxDumpBytes must not be negative, got " + maxDumpBytes);
            }
            this.maxDumpBytes = maxDumpBytes;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            if (connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("connect timeout must be positive, got " + connectTimeout);
            }
            this.connectTimeout = connectTimeout;
            return this;
        }

        public WireTap start() throws IOException {
            if (target == null) {
                throw new IllegalStateException("a WireTap needs a target: call target(host:port) before start()");
            }
            return new WireTap(this);
        }
    }
}
