package org.socketlab.websocket.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A started process and its output: stdout lines are queued for a caller to wait on with a
 * deadline ({@link #awaitLine}) and optionally echoed, stderr is kept for error messages (it is
 * empty when the caller merged it into stdout). The last {@value #KEPT_LINES} lines of each are
 * kept for {@link #describe()}, so a chatty process cannot fill the memory. {@link #close()}
 * asks the process to stop and forces it after 5 s; {@link #kill()} forces it at once, as when
 * the machine dies. Thread-safe.
 */
public final class ChildProcess implements AutoCloseable {

    /** Lines of stdout and of stderr kept for {@link #describe()}. */
    public static final int KEPT_LINES = 2000;

    private static final String EOF = "\u0000EOF";
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> stdout = new ArrayDeque<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private volatile Consumer<String> echo = line -> { };

    /** Watches {@code process}, already started; {@code name} appears in every message about it. */
    public ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread.ofVirtual().name("stdout-" + name).start(() -> pump(process.getInputStream(), true));
        Thread.ofVirtual().name("stderr-" + name).start(() -> pump(process.getErrorStream(), false));
    }

    /** Starts {@code command} with stderr merged into stdout. */
    public static ChildProcess start(String name, List<String> command) throws IOException {
        return new ChildProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void pump(InputStream stream, boolean isStdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                keep(isStdout ? stdout : stderr, line);
                if (isStdout) {
                    lines.add(line);
                    echo.accept(line);
                }
            }
        } catch (IOException ended) {
            // The process was stopped.
        } finally {
            if (isStdout) {
                lines.add(EOF);
            }
        }
    }

    private static void keep(Deque<String> kept, String line) {
        synchronized (kept) {
            if (kept.size() == KEPT_LINES) {
                kept.removeFirst();
            }
            kept.addLast(line);
        }
    }

    /**
     * Waits for a stdout line matching {@code wanted}, skipping the others.
     *
     * @throws IOException naming the process, with its output, when none came within {@code timeout}
     *                     or the process ended first
     */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            String line = remaining <= 0 ? null : lines.poll(remaining, TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                if (line != null) {
                    lines.add(EOF); // later waits see the end too
                }
                throw new IOException(name + ": expected a matching line within " + timeout
                        + (line == null ? "" : " but the process ended") + exitNote() + "\n" + output());
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Waits for the process to end and for its stdout to be read; returns the stdout lines kept. */
    public List<String> awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException(name + " did not finish within " + timeout + "\n" + output());
        }
        long deadline = System.nanoTime() + GRACE.toNanos();
        String line;
        do {
            line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } while (line != null && !line.equals(EOF));
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    /** Passes every later stdout line to {@code printer} too. */
    public void echoTo(Consumer<String> printer) {
        this.echo = printer;
    }

    public String name() {
        return name;
    }

    /** The operating system's process id. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The name and the output kept, for an error message. */
    public String describe() {
        return name + exitNote() + "\n" + output();
    }

    /** SIGKILL, as when the machine dies: no goodbye to anyone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Asks the process to stop (SIGTERM) and forces it when it has not within 5 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String exitNote() {
        return process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")";
    }

    private String output() {
        List<String> out;
        List<String> err;
        synchronized (stdout) {
            out = new ArrayList<>(stdout);
        }
        synchronized (stderr) {
            err = new ArrayList<>(stderr);
        }
        return "stdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err);
    }
}
