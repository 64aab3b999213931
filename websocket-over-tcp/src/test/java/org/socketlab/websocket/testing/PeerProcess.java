package org.socketlab.websocket.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.socketlab.websocket.process.ChildProcess;

/**
 * A peer process started by a test: {@link ChildProcess} (stdout queued to wait on, stderr kept
 * for failure messages), with its waits failing the test instead of throwing IOException.
 * Always {@link #close()} it (@AfterEach).
 */
public final class PeerProcess implements AutoCloseable {

    private final ChildProcess process;

    PeerProcess(String name, Process process) {
        this.process = new ChildProcess(name, process);
    }

    /** Waits for a stdout line matching {@code wanted}; fails with the transcript otherwise. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        try {
            return process.awaitLine(wanted, timeout);
        } catch (IOException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Waits for the "PORT n" readiness line and returns n. */
    public int awaitPort(Duration timeout) throws InterruptedException {
        String line = awaitLine(l -> l.startsWith("PORT "), timeout);
        return Integer.parseInt(line.substring(5).trim());
    }

    /** Waits for the process to end and returns every stdout line. */
    public List<String> awaitExit(Duration timeout) throws InterruptedException {
        try {
            return process.awaitExit(timeout);
        } catch (IOException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The operating system's process id (to kill it on purpose in a failover test). */
    public long pid() {
        return process.pid();
    }

    public String describe() {
        return process.describe();
    }

    @Override
    public void close() {
        process.close();
    }
}
