package org.socketlab.labs.scaleout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A process of the local cluster: its output lines queued (and optionally echoed), killed on close. */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile Consumer<String> echo = line -> { };

    ChildProcess(String name, List<String> command) throws IOException {
        this.name = name;
        this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread.ofVirtual().name("output-" + name).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    echo.accept(line);
                }
            } catch (IOException ended) {
                // the process was killed
            }
        });
    }

    /** Waits for an output line matching {@code wanted}; IOException with the name when none comes. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            String line = remaining > 0 ? lines.poll(remaining, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new IOException(name + " did not print the expected line within " + timeout
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
            }
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Prints every later output line through {@code printer}. */
    public void echoTo(Consumer<String> printer) {
        this.echo = printer;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as when the machine dies: no goodbye to Redis, no close frames. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
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
