package org.socketlab.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.socketlab.websocket.demo.EchoServer;
import org.socketlab.websocket.server.ConnectionThreads;
import org.socketlab.websocket.server.WebSocketServer;
import org.socketlab.tcp.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * One echo server in its own JVM, so that the load generator's heap, GC and file descriptors are
 * not the server's (10,000 connections need 10,000 descriptors on each side). Prints
 * {@code listening on ws://H:P/} when ready, then obeys commands on stdin:
 * {@code memory} prints {@code memory heap=BYTES rss=BYTES threads=N} after a full GC;
 * {@code quit} (or end of input) stops the server and exits.
 *
 * <pre>EchoServerProcess socketlab|socketlab-platform|socketlab-loop|netty|java-websocket|core-virtual|core-platform [port]</pre>
 *
 * {@code socketlab} is {@link WebSocketServer} as shipped (virtual threads); {@code socketlab-platform}
 * is the same server with {@code connectionThreads(PLATFORM)}, {@code socketlab-loop} with
 * {@code connectionThreads(EVENT_LOOP)} (one selector loop per core, issue 20).
 */
public final class EchoServerProcess {

    /** A running server, whichever library it is. */
    interface Server extends AutoCloseable {
        int port();
    }

    static final String HOST = "127.0.0.1";
    static final String PATH = "/";

    private EchoServerProcess() {
    }

    /** The command line (see {@link Cli}); started by the load suite, not by hand. */
    @Command(name = "EchoServerProcess", mixinStandardHelpOptions = true,
            description = "An echo server of one KIND in its own JVM, for the load suite; reads 'memory'/'quit' on stdin.")
    static final class Options implements Cli.Validated {
        @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "(default: ${DEFAULT-VALUE})")
        String kind = "socketlab";
        @Parameters(index = "1", arity = "0..1", paramLabel = "PORT", description = "(default: ${DEFAULT-VALUE})")
        int port = 0;

        @Override
        public void validate() {
            Cli.requirePort("PORT", port);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Cli.parse(new Options(), args);
        String kind = options.kind;
        int port = options.port;
        try (Server server = start(kind, port)) {
            System.out.println("listening on ws://" + HOST + ":" + server.port() + PATH);
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = commands.readLine()) != null && !line.equals("quit"); ) {
                if (line.equals("memory")) {
                    System.out.println(memoryLine());
                    System.out.flush();
                }
            }
        }
        System.exit(0);
    }

    static Server start(String kind, int port) throws Exception {
        return switch (kind) {
            case "socketlab" -> socketlab(port, ConnectionThreads.VIRTUAL, null);
            case "socketlab-platform" -> socketlab(port, ConnectionThreads.PLATFORM, null);
            case "socketlab-loop" -> socketlab(port, ConnectionThreads.EVENT_LOOP, null);
            case "netty" -> new NettyEchoServer(HOST, port, PATH);
            // permessage-deflate (RFC 7692), for bench.deflate.DeflateBenchmark:
            case "socketlab-deflate" -> socketlab(port, ConnectionThreads.VIRTUAL, EchoServer.CONFORMANCE_DEFLATE);
            case "socketlab-deflate-reset" -> socketlab(port, ConnectionThreads.VIRTUAL,
                    org.socketlab.websocket.extension.DeflateConfig.defaults());
            case "netty-deflate" -> new NettyEchoServer(HOST, port, PATH, true);
            case "java-websocket" -> new JavaWebSocketEchoServer(HOST, port);
            case "core-virtual" -> new CoreEchoServer(HOST, port, true);
            case "core-platform" -> new CoreEchoServer(HOST, port, false);
            default -> throw new IllegalArgumentException("unknown server " + kind
                    + "; expected socketlab, socketlab-platform, socketlab-loop, netty, java-websocket, core-virtual,"
                    + " core-platform, socketlab-deflate, socketlab-deflate-reset or netty-deflate");
        };
    }

    /**
     * Our WebSocketServer exactly as the demo EchoServer configures it, allowed 20,000 connections;
     * with permessage-deflate accepted as {@code deflate} says (null: declined).
     */
    private static Server socketlab(int port, ConnectionThreads threads,
                                    org.socketlab.websocket.extension.DeflateConfig deflate) throws IOException {
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .connectionThreads(threads)
                .host(HOST)
                .port(port)
                .backlog(4096)
                .endpoint(PATH, new EchoServer.EchoHandler())
                .maxFramePayload(16 << 20)
                .maxMessageSize(16 << 20)
                .maxBufferedBytes(20L << 20)
                .maxConnections(20_000);
        if (deflate != null) {
            builder.permessageDeflate(deflate);
        }
        WebSocketServer server = builder.start();
        return new Server() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    private static String memoryLine() throws IOException {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long rss = residentSetBytes();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        return String.format(Locale.ROOT, "memory heap=%d rss=%d threads=%d", heap, rss, threads);
    }

    /** VmRSS from /proc (Linux); -1 elsewhere. */
    public static long residentSetBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
