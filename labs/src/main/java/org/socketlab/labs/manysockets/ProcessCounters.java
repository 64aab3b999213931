package org.socketlab.labs.manysockets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What Linux counts for a process, read from {@code /proc/PID}: CPU time (user + system), the
 * number of threads, resident memory, and context switches summed over its threads — voluntary
 * ones (the thread blocked: in {@code read()}, {@code epoll_wait()}, a lock) and involuntary ones
 * (the scheduler took the CPU away).
 *
 * @param cpuMillis            utime + stime of the process
 * @param threads              OS threads right now
 * @param residentKiB          VmRSS
 * @param voluntarySwitches    summed over the live threads
 * @param involuntarySwitches  summed over the live threads
 */
public record ProcessCounters(long cpuMillis, int threads, long residentKiB, long voluntarySwitches,
                              long involuntarySwitches) {

    /** Clock ticks per second for {@code /proc/PID/stat} (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    /** Whether {@code /proc} can be read here (Linux); the lab explains when it cannot. */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    public static ProcessCounters of(long pid) throws IOException {
        Path process = Path.of("/proc", Long.toString(pid));
        String stat = Files.readString(process.resolve("stat"));
        // Fields after the command name (which may contain spaces) start at field 3, "state".
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // fields 14, 15: utime, stime
        int threads = 0;
        long residentKiB = 0;
        for (String line : Files.readAllLines(process.resolve("status"))) {
            if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(value(line));
            } else if (line.startsWith("VmRSS:")) {
                residentKiB = Long.parseLong(value(line).replace("kB", "").trim());
            }
        }
        long voluntary = 0;
        long involuntary = 0;
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
            for (Path task : tasks.toList()) {
                try {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            voluntary += Long.parseLong(value(line));
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            involuntary += Long.parseLong(value(line));
                        }
                    }
                } catch (IOException threadEnded) {
                    // The thread ended while we listed the tasks; its switches are gone either way.
                }
            }
        }
        return new ProcessCounters(ticks * 1000 / TICKS_PER_SECOND, threads, residentKiB, voluntary, involuntary);
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).trim();
    }

    /** The change from {@code before} to this (threads and memory: this snapshot's values). */
    public ProcessCounters minus(ProcessCounters before) {
        return new ProcessCounters(cpuMillis - before.cpuMillis, threads, residentKiB - before.residentKiB,
                voluntarySwitches - before.voluntarySwitches, involuntarySwitches - before.involuntarySwitches);
    }
}
