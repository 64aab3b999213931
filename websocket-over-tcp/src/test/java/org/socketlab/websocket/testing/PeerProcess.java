package org.socketlab.websocket.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A peer process started by a test: its stdout lines are queued for the test to wait on (with
 * a timeout), its stderr kept for failure messages. Always {@link #close()} it (@AfterEach).
 */
public final class PeerProcess implements AutoCloseable {

    private static final String EOF = "\u0000EOF";

    private final String name;
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = java.util.Collections.synchronizedList(new ArrayList<>());
    private final StringBuffer errors = new StringBuffer();

    PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread.ofVirtual().start(() -> pump(process.getInputStream(), true));
        Thread.ofVirtual().start(() -> pump(process.getErrorStream(), false));
    }

    private void pump(InputStream stream, boolean stdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (stdout) {
                    transcript.add(line);
                    lines.add(line);
                } else {
                    errors.append(line).append('\n');
                }
            }
        } catch (IOException ignored) {
            // The process was destroyed.
        } finally {
            if (stdout) {
                lines.add(EOF);
            }
        }
    }

    /** Waits for a stdout line matching {@code wanted}; fails with the transcript otherwise. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            String line = remaining <= 0 ? null : lines.poll(remaining, TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                throw new AssertionError(name + ": expected a matching line within " + timeout
                        + (line == null ? "" : " but the process ended") + "\nstdout:\n" + String.join("\n", transcript)
                        + "\nstderr:\n" + errors);
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Waits for the "PORT n" readiness line and returns n. */
    public int awaitPort(Duration timeout) throws InterruptedException {
        String line = awaitLine(l -> l.startsWith("PORT "), timeout);
        return Integer.parseInt(line.substring(5).trim());
    }

    /** Waits for the process to end and returns every stdout line. */
    public List<String> awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not finish within " + timeout + "\nstdout:\n"
                    + String.join("\n", transcript) + "\nstderr:\n" + errors);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String line;
        do { // wait until stdout is fully read
            line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } while (line != null && !line.equals(EOF));
        return List.copyOf(transcript);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The operating system's process id (to kill it on purpose in a failover test). */
    public long pid() {
        return process.pid();
    }

    public String describe() {
        return name + "\nstdout:\n" + String.join("\n", transcript) + "\nstderr:\n" + errors;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
