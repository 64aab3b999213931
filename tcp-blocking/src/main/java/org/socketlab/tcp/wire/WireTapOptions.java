package org.socketlab.tcp.wire;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Command-line options shared by the hex-only {@link WireTap} main and the dissecting
 * {@code org.socketlab.websocket.inspect.WireTapMain}:
 * {@code --listen P --target host:port [--listen-host H] [--pcap file] [--dump-limit N]}.
 *
 * @param listenHost   interface the tap binds (loopback unless {@code --listen-host})
 * @param listenPort   port the tap listens on (0: any free port, printed at start)
 * @param target       where every accepted connection is relayed to
 * @param pcapFile     capture file to write, if any
 * @param maxDumpBytes hex dump at most this many bytes per chunk
 */
public record WireTapOptions(String listenHost, int listenPort, InetSocketAddress target,
                             Optional<Path> pcapFile, int maxDumpBytes) {

    public static final String USAGE =
            "usage: --listen PORT --target HOST:PORT [--listen-host HOST] [--pcap FILE] [--dump-limit BYTES]";

    /** @throws IllegalArgumentException naming the option that is missing or malformed, with {@link #USAGE} */
    public static WireTapOptions parse(String[] args) {
        String listenHost = "127.0.0.1";
        Integer listenPort = null;
        InetSocketAddress target = null;
        Path pcap = null;
        int maxDump = 1024;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = i + 1 < args.length ? args[++i] : null;
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value; " + USAGE);
            }
            switch (option) {
                case "--listen" -> listenPort = port(value, option);
                case "--listen-host" -> listenHost = value;
                case "--target" -> target = hostAndPort(value);
                case "--pcap" -> pcap = Path.of(value);
                case "--dump-limit" -> maxDump = nonNegative(value, option);
                default -> throw new IllegalArgumentException("unknown option " + option + "; " + USAGE);
            }
        }
        if (listenPort == null || target == null) {
            throw new IllegalArgumentException("--listen and --target are required; " + USAGE);
        }
        return new WireTapOptions(listenHost, listenPort, target, Optional.ofNullable(pcap), maxDump);
    }

    private static InetSocketAddress hostAndPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--target must be HOST:PORT, got \"" + value + "\"");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);            // [::1]:9001
        }
        return new InetSocketAddress(host, port(value.substring(colon + 1), "--target"));
    }

    private static int port(String value, String option) {
        int port = nonNegative(value, option);
        if (port > 65_535) {
            throw new IllegalArgumentException(option + " port must be 0..65535, got " + value);
        }
        return port;
    }

    private static int nonNegative(String value, String option) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a non-negative number, got \"" + value + "\"");
    }
}
