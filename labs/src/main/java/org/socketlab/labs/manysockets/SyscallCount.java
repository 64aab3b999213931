package org.socketlab.labs.manysockets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts the system calls a running process makes, with {@code strace -c -S calls -f -p PID}: attach,
 * let the caller run its load, detach, read the summary table. Only where {@code strace} is
 * installed and allowed to trace (ptrace); the lab says so otherwise.
 */
public final class SyscallCount implements AutoCloseable {

    private final Process strace;
    private final Path summary;

    private SyscallCount(Process strace, Path summary) {
        this.strace = strace;
        this.summary = summary;
    }

    /** Whether an {@code strace} binary is on the PATH. */
    public static boolean available() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "strace"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Attaches to every thread of {@code pid} and returns once strace reports the first attach
     * (threads started later are followed by {@code -f}).
     */
    public static SyscallCount attach(long pid) throws IOException {
        Path summary = Files.createTempFile("lab16-strace-", ".txt");
        Process strace = new ProcessBuilder("strace", "-c", "-S", "calls", "-f", "-p", Long.toString(pid), "-o", summary.toString())
                .redirectErrorStream(true).start();
        BufferedReader messages = new BufferedReader(new InputStreamReader(strace.getInputStream(), StandardCharsets.UTF_8));
        String line = messages.readLine();            // "strace: Process N attached", or why not
        if (line == null || !line.contains("attached")) {
            strace.destroyForcibly();
            Files.deleteIfExists(summary);
            throw new IOException("strace could not attach: " + line);
        }
        Thread.ofVirtual().start(() -> drain(messages)); // the other threads' "attached" lines
        return new SyscallCount(strace, summary);
    }

    /** Detaches (strace prints its table on SIGTERM) and returns calls per system call name, most first. */
    public Map<String, Long> detach() throws IOException, InterruptedException {
        strace.destroy();                             // SIGTERM: strace detaches and writes the summary
        if (!strace.waitFor(30, TimeUnit.SECONDS)) {
            strace.destroyForcibly();
            throw new IOException("strace did not finish within 30 s");
        }
        return parse(Files.readAllLines(summary));
    }

    /** Rows of {@code strace -c}: "% time  seconds  usecs/call  calls  [errors]  syscall". */
    static Map<String, Long> parse(List<String> lines) {
        Map<String, Long> calls = new LinkedHashMap<>();
        for (String line : lines) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length < 5 || !columns[0].matches("[0-9.]+")) {
                continue;                             // header, separator lines
            }
            String name = columns[columns.length - 1];
            if (!name.equals("total")) {
                calls.put(name, Long.parseLong(columns[3]));
            }
        }
        return calls;
    }

    private static void drain(BufferedReader messages) {
        try {
            while (messages.readLine() != null) {
                // Attach and detach notices: nothing to do with them.
            }
        } catch (IOException ignored) {
            // strace ended.
        }
    }

    @Override
    public void close() throws IOException {
        strace.destroyForcibly();
        Files.deleteIfExists(summary);
    }
}
