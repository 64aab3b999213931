package org.socketlab.websocket.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a connection costs the process, counted from outside the code under test: open file
 * descriptors ({@code /proc/self/fd}) and live threads whose names mark them as per-connection
 * (virtual ones included, read from a JSON thread dump, since {@code Thread.getAllStackTraces}
 * does not list virtual threads). Tests take a count before, provoke a fault, and wait (bounded,
 * by polling, never a fixed sleep) for the counts to come back.
 */
public final class ResourceProbe {

    /** tcp-blocking's per-connection reader threads and the WebSocket writer/async threads. */
    private static final Pattern CONNECTION_THREAD = Pattern.compile("\"name\": \"(tcp-vconn-\\d+|ws-\\d+-(writer|async|reader))\"");

    private ResourceProbe() {
    }

    /** Open file descriptors of this JVM (sockets included); -1 where /proc is missing. */
    public static int openFileDescriptors() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return (int) list.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Live threads (platform or virtual) that belong to a connection. */
    public static int connectionThreads() {
        try {
            Path dump = Files.createTempFile("threads", ".json");
            Files.delete(dump); // dumpThreads refuses to overwrite
            try {
                ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                        .dumpThreads(dump.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                Matcher names = CONNECTION_THREAD.matcher(Files.readString(dump));
                int count = 0;
                while (names.find()) {
                    count++;
                }
                return count;
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls {@code condition} until true or {@code timeout}; returns its last value. */
    public static boolean await(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return condition.getAsBoolean();
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // poll interval
        }
        return true;
    }
}
