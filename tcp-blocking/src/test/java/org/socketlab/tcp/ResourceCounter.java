package org.socketlab.tcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Counts what a server could leak: open file descriptors and live platform threads. */
final class ResourceCounter {

    private static final Path FD_DIRECTORY = Path.of("/proc/self/fd");

    private final long openFileDescriptors;
    private final Set<Thread> threads;

    private ResourceCounter(long openFileDescriptors, Set<Thread> threads) {
        this.openFileDescriptors = openFileDescriptors;
        this.threads = threads;
    }

    static ResourceCounter snapshot() throws IOException {
        return new ResourceCounter(openFileDescriptors(), Thread.getAllStackTraces().keySet());
    }

    static boolean canCountFileDescriptors() {
        return Files.isDirectory(FD_DIRECTORY);
    }

    static long openFileDescriptors() throws IOException {
        if (!canCountFileDescriptors()) {
            return -1;
        }
        try (Stream<Path> entries = Files.list(FD_DIRECTORY)) {
            return entries.count() - 1;                   // minus the descriptor of this listing
        }
    }

    long fileDescriptors() {
        return openFileDescriptors;
    }

    /**
     * Platform threads started since this snapshot whose names start with {@code prefix},
     * after giving each up to {@code timeout} to finish exiting (a pool thread may still be on
     * its way out when awaitTermination returns).
     */
    List<String> newThreadsStillAlive(String prefix, Duration timeout) throws InterruptedException {
        List<Thread> candidates = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !threads.contains(thread))
                .filter(thread -> thread.getName().startsWith(prefix))
                .toList();
        for (Thread thread : candidates) {
            thread.join(timeout);
        }
        return candidates.stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toList());
    }
}
