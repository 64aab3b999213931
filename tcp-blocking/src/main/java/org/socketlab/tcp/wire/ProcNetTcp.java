package org.socketlab.tcp.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the kernel's socket tables {@code /proc/net/tcp} (IPv4) and {@code /proc/net/tcp6}
 * (IPv6, including dual-stack sockets Java opens by default) — the same source {@code ss} and
 * {@code netstat} use. A row looks like
 *
 * <pre>
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    0: 0100007F:1F90 00000000:0000 0A 00000000:00000032 00:00000000 00000000  1000        0 41772 ...
 * </pre>
 *
 * Addresses are hex dumps of the kernel's 32-bit words in host byte order (so 127.0.0.1 prints
 * as {@code 0100007F} on little-endian machines); ports and the rest are plain hex numbers.
 *
 * <p>Only Linux has these files: elsewhere {@link #read()} returns empty and callers say the
 * view is unavailable. Stateless apart from the directory; thread-safe.
 */
public final class ProcNetTcp {

    private final Path directory;

    /** Reads {@code /proc/net}. */
    public ProcNetTcp() {
        this(Path.of("/proc/net"));
    }

    /** Reads {@code tcp} and {@code tcp6} in {@code directory} (tests pass a fixture directory). */
    public ProcNetTcp(Path directory) {
        this.directory = directory;
    }

    /** True when at least the IPv4 table exists (Linux with procfs mounted). */
    public boolean isAvailable() {
        return Files.isReadable(directory.resolve("tcp"));
    }

    /** Why {@link #read()} is empty, for the user. */
    public String unavailableReason() {
        return "TCP state view unavailable: " + directory.resolve("tcp") + " does not exist (it is Linux-only; "
                + "os.name is " + System.getProperty("os.name") + "). Use `netstat -an` or `ss -tan` instead.";
    }

    /** Every TCP socket of this network namespace, or empty when the tables are not available. */
    public Optional<List<TcpSocketEntry>> read() throws IOException {
        if (!isAvailable()) {
            return Optional.empty();
        }
        List<TcpSocketEntry> entries = new ArrayList<>(parse(Files.readString(directory.resolve("tcp"))));
        Path tcp6 = directory.resolve("tcp6");
        if (Files.isReadable(tcp6)) {
            entries.addAll(parse(Files.readString(tcp6)));
        }
        return Optional.of(entries);
    }

    /** The sockets whose local or remote port is {@code port}; empty when unavailable. */
    public Optional<List<TcpSocketEntry>> forPort(int port) throws IOException {
        return read().map(entries -> entries.stream().filter(entry -> entry.involvesPort(port)).toList());
    }

    /**
     * Polls the tables until a socket of {@code port} matches, or the timeout passes. Kernel state
     * changes happen when packets are processed, not when our call returns, so a caller that wants
     * to see one waits for it with a deadline.
     *
     * @return the first matching entry; empty on timeout or when the tables are unavailable
     */
    public Optional<TcpSocketEntry> await(int port, Predicate<TcpSocketEntry> wanted, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Optional<List<TcpSocketEntry>> entries = forPort(port);
            if (entries.isEmpty()) {
                return Optional.empty();
            }
            Optional<TcpSocketEntry> match = entries.get().stream().filter(wanted).findFirst();
            if (match.isPresent()) {
                return match;
            }
            Thread.sleep(2);                                     // a poll interval, bounded by the deadline
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    /** Parses the text of one table (header line first). Lines that do not parse are skipped. */
    public static List<TcpSocketEntry> parse(String table) {
        List<TcpSocketEntry> entries = new ArrayList<>();
        for (String line : table.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 10 || !fields[0].endsWith(":")) {
                continue;                                            // the header line, or a blank one
            }
            parseRow(fields).ifPresent(entries::add);
        }
        return entries;
    }

    private static Optional<TcpSocketEntry> parseRow(String[] fields) {
        try {
            String[] queues = fields[4].split(":");
            return Optional.of(new TcpSocketEntry(socketAddress(fields[1]), socketAddress(fields[2]),
                    TcpState.fromCode(Integer.parseInt(fields[3], 16)),
                    Long.parseLong(queues[0], 16), Long.parseLong(queues[1], 16), Long.parseLong(fields[9])));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException | UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** {@code 0100007F:1F90} → 127.0.0.1:8080. */
    static InetSocketAddress socketAddress(String field) throws UnknownHostException {
        int colon = field.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected ADDRESS:PORT, got " + field);
        }
        byte[] address = addressBytes(field.substring(0, colon));
        return new InetSocketAddress(InetAddress.getByAddress(address), Integer.parseInt(field.substring(colon + 1), 16));
    }

    /**
     * Each group of 8 hex digits is one 32-bit word as the kernel holds it in memory (network byte
     * order bytes, read as a host-order integer); writing it back in host order restores the bytes.
     */
    static byte[] addressBytes(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new IllegalArgumentException("an address has 8 (IPv4) or 32 (IPv6) hex digits, got " + hex.length());
        }
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2).order(ByteOrder.nativeOrder());
        for (int word = 0; word < hex.length(); word += 8) {
            bytes.putInt((int) Long.parseLong(hex.substring(word, word + 8).toUpperCase(Locale.ROOT), 16));
        }
        return bytes.array();
    }
}
